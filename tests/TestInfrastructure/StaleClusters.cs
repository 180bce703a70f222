using System.Diagnostics;

namespace Ticketing.TestInfrastructure;

/// <summary>
/// Test clusters live in <c>/tmp/ticketing-tests-*</c> with an <c>owner.pid</c> naming the test process.
/// When that process died without stopping its cluster (killed, crashed), the next run stops it.
/// </summary>
internal static class StaleClusters
{
    private const string Prefix = "ticketing-tests-";

    public static string NewRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), Prefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return root;
    }

    public static void RemoveAll()
    {
        foreach (var root in Directory.GetDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var ownerFile = Path.Combine(root, "owner.pid");
            if (File.Exists(ownerFile) && int.TryParse(File.ReadAllText(ownerFile), out var owner) && IsAlive(owner))
            {
                continue;
            }

            KillServer(Path.Combine(root, "data", "postmaster.pid"));
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Another run is removing it at the same moment; nothing to do.
            }
        }
    }

    private static void KillServer(string pidFile)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) || !IsAlive(pid))
        {
            return;
        }

        using var postmaster = Process.GetProcessById(pid);
        postmaster.Kill();
        postmaster.WaitForExit(10_000);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
