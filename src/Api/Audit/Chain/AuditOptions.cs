namespace Ticketing.Api.Audit.Chain;

/// <summary>When checkpoints are written (<c>Ticketing:Audit</c>).</summary>
public sealed class AuditOptions
{
    /// <summary>How often a node looks for new events to sign; zero or less turns the background job off.</summary>
    public TimeSpan CheckpointPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A checkpoint is written once this much time has passed since the last one and there are new events…</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>…or as soon as this many sequence numbers were drawn since the last one.</summary>
    public long CheckpointEvents { get; set; } = 1000;

    /// <summary>How long a checkpoint waits for the appends in flight below its sequence before it gives up this round.</summary>
    public TimeSpan InFlightWait { get; set; } = TimeSpan.FromSeconds(10);
}
