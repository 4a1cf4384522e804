namespace AlgoTrading.Live.Alerts;

/// <summary>What happened, for an operator who is not watching.</summary>
public enum AlertKind
{
    /// <summary>An order was filled.</summary>
    Fill,
    /// <summary>The broker or a risk rule refused an order.</summary>
    Reject,
    /// <summary>A circuit breaker tripped (daily loss, drawdown, order rate, stale prices, repeated rejects, disconnection).</summary>
    BreakerTrip,
    /// <summary>The broker connection has been down longer than the configured threshold.</summary>
    Disconnect,
    /// <summary>The journal and the broker disagreed at reconciliation; the rule applied is in the detail.</summary>
    ReconciliationMismatch,
    /// <summary>The runner stopped (graceful stop, kill switch, fatal error).</summary>
    Stop,
    /// <summary>An error the runner survived.</summary>
    Error,
}

/// <summary>How urgent an alert is.</summary>
public enum AlertSeverity
{
    /// <summary>For the record (fills).</summary>
    Info,
    /// <summary>Look when convenient (rejects, short disconnects).</summary>
    Warning,
    /// <summary>Look now (breaker trips, mismatches, stops on error).</summary>
    Critical,
}

/// <summary>
/// One alert: kind, severity, a one-line title and a detail. <paramref name="TimeUtc"/> is when it
/// happened (UTC). <paramref name="Instrument"/> and <paramref name="ClientOrderId"/> name what it is about, when anything.
/// </summary>
public sealed record Alert(AlertKind Kind, AlertSeverity Severity, string Title, string Detail, DateTime TimeUtc,
    string? Instrument = null, string? ClientOrderId = null)
{
    /// <summary>The text a chat message shows: severity, kind, title, then the detail on its own line.</summary>
    public string ToText() =>
        $"[{Severity.ToString().ToUpperInvariant()}] {Kind}: {Title}" + (Detail.Length == 0 ? "" : "\n" + Detail)
        + $"\n{TimeUtc:yyyy-MM-dd HH:mm:ss} UTC";
}
