namespace AlgoTrading.Live.State;

/// <summary>What the kill switch asks for.</summary>
/// <param name="Flatten">Close every position, not only cancel the pending orders.</param>
/// <param name="Reason">Who or what pulled it.</param>
public sealed record KillRequest(bool Flatten, string Reason);

/// <summary>
/// The kill switch of a live run: a file named <c>KILL</c> in its state folder, written by
/// <c>algotrading live stop --state DIR [--flatten]</c> or by hand (<c>touch KILL</c>; the word
/// <c>flatten</c> in it also closes positions). The runner looks for it between prices and at least once
/// a second, cancels its pending orders, optionally closes its positions, stops and alerts. The file stays:
/// a runner restarted on the folder (by a supervisor, say) stops at once until an operator removes it.
/// </summary>
public static class KillSwitch
{
    /// <summary>Pulls the switch of the run in <paramref name="folder"/>.</summary>
    public static void Pull(LiveStateFolder folder, bool flatten, string reason = "live stop")
        => File.WriteAllText(folder.KillFile, (flatten ? "flatten\n" : "stop\n") + reason + "\n");

    /// <summary>The request in <paramref name="folder"/>, or null when the switch is not pulled.</summary>
    public static KillRequest? Read(LiveStateFolder folder)
    {
        if (!File.Exists(folder.KillFile)) return null;
        string text;
        try { text = File.ReadAllText(folder.KillFile); }
        catch (IOException) { text = ""; } // being written: its presence is what counts
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        bool flatten = lines.Length > 0 && lines[0].Equals("flatten", StringComparison.OrdinalIgnoreCase);
        return new KillRequest(flatten, lines.Length > 1 ? lines[1] : "KILL file");
    }
}
