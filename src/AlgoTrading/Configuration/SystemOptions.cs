using System.ComponentModel.DataAnnotations;
using AlgoTrading.Domain;

namespace AlgoTrading.Configuration;

/// <summary>Where the broker orders go. Practice (OANDA's fxTrade Practice, a demo account) is the default.</summary>
public enum BrokerEnvironment
{
    /// <summary>A demo account with play money.</summary>
    Practice,
    /// <summary>Real money: needs <see cref="BrokerOptions.ConfirmLive"/> as well.</summary>
    Live,
}

/// <summary>Log verbosity.</summary>
public enum LogLevel
{
    /// <summary>Everything.</summary>
    Debug,
    /// <summary>Normal operation.</summary>
    Information,
    /// <summary>Only problems.</summary>
    Warning,
    /// <summary>Only failures.</summary>
    Error,
}

/// <summary><c>config/system_config.yaml</c>: paths, logging, the account and the broker environment.</summary>
public sealed class SystemOptions
{
    /// <summary>Folders, relative to the repository root unless absolute.</summary>
    public PathOptions Paths { get; init; } = new();
    /// <summary>Logging.</summary>
    public LoggingOptions Logging { get; init; } = new();
    /// <summary>The trading account.</summary>
    public AccountOptions Account { get; init; } = new();
    /// <summary>The broker connection (secrets come from <c>.env</c>, never from here).</summary>
    public BrokerOptions Broker { get; init; } = new();
}

/// <summary>Folders.</summary>
public sealed class PathOptions
{
    /// <summary>Raw and imported data. Default <c>data</c>.</summary>
    public string Data { get; init; } = "data";
    /// <summary>The Parquet store. Default <c>data/storage</c>.</summary>
    public string Storage { get; init; } = "data/storage";
    /// <summary>Trained models. Default <c>model_storage</c>.</summary>
    public string ModelStorage { get; init; } = "model_storage";
    /// <summary>Log files. Default <c>logs</c>.</summary>
    public string Logs { get; init; } = "logs";
}

/// <summary>Logging settings.</summary>
public sealed class LoggingOptions
{
    /// <summary>Minimum level. Default information.</summary>
    public LogLevel Level { get; init; } = LogLevel.Information;
    /// <summary>Also write a daily log file under <see cref="PathOptions.Logs"/>. Default true.</summary>
    public bool File { get; init; } = true;
}

/// <summary>The trading account.</summary>
public sealed class AccountOptions
{
    /// <summary>ISO 4217 code every P&amp;L is converted to. Default USD.</summary>
    [RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; init; } = "USD";
}

/// <summary>The broker environment.</summary>
public sealed class BrokerOptions : IValidatableOptions
{
    /// <summary>practice (default) or live.</summary>
    public BrokerEnvironment Environment { get; init; } = BrokerEnvironment.Practice;
    /// <summary>Must be true, in addition to <c>environment: live</c>, before real money is traded.</summary>
    public bool ConfirmLive { get; init; }
    /// <summary>Request timeout in seconds. Default 10.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; init; } = 10;
    /// <summary>REST base URL override (e.g. a local v20-compatible server); null for the environment's host. <c>OANDA_REST_URL</c> wins.</summary>
    public string? RestUrl { get; init; }
    /// <summary>Streaming base URL override; null for the environment's host. <c>OANDA_STREAM_URL</c> wins.</summary>
    public string? StreamUrl { get; init; }

    /// <inheritdoc />
    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (ConfirmLive && Environment != BrokerEnvironment.Live)
            yield return ("confirm_live", "is set but environment is practice; set it only together with environment: live");
    }
}
