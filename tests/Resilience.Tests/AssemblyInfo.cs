// The tests start API processes, load them and measure takeover and outage timings on a small machine: one at a time,
// so one test's load does not eat into another's time bound.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
