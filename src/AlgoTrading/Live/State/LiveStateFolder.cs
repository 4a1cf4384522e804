namespace AlgoTrading.Live.State;

/// <summary>
/// The folder a live run owns (<c>--state DIR</c>): the journal (<c>journal.db</c>), <c>orders.csv</c>,
/// <c>trades.csv</c> (the backtest's columns), <c>equity.csv</c>, <c>summary.json</c>, <c>logs/</c>, and the
/// kill switch file <c>KILL</c>. One runner per folder: a second one is refused while the first holds
/// <c>runner.lock</c> (the journal's orders and the broker's account would otherwise be driven twice).
/// </summary>
public sealed class LiveStateFolder
{
    /// <summary>The folder at <paramref name="directory"/> (created when missing).</summary>
    public LiveStateFolder(string directory)
    {
        Directory = System.IO.Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
        System.IO.Directory.CreateDirectory(Logs);
    }

    /// <summary>The folder, absolute.</summary>
    public string Directory { get; }
    /// <summary>The SQLite journal.</summary>
    public string Journal => System.IO.Path.Combine(Directory, "journal.db");
    /// <summary>The Serilog files.</summary>
    public string Logs => System.IO.Path.Combine(Directory, "logs");
    /// <summary>The kill switch: its presence stops the runner; the text <c>flatten</c> in it also closes positions.</summary>
    public string KillFile => System.IO.Path.Combine(Directory, "KILL");
    /// <summary>The JSON summary written at exit.</summary>
    public string Summary => System.IO.Path.Combine(Directory, "summary.json");
    /// <summary>Held open while a runner owns the folder.</summary>
    public string LockFile => System.IO.Path.Combine(Directory, "runner.lock");

    /// <summary>
    /// Takes the folder for one runner; dispose the result to give it back. The lock is an open file the
    /// operating system releases when the process dies, so a crashed runner never blocks its restart.
    /// </summary>
    /// <exception cref="IOException">Another runner holds the folder.</exception>
    public IDisposable Acquire()
    {
        try { return new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose); }
        catch (IOException e) { throw new IOException($"{Directory}: another live runner is using this state folder ({e.Message})", e); }
    }
}
