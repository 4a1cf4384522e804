using AlgoTrading.Configuration;

namespace AlgoTrading.Brokers.Oanda;

/// <summary>
/// Turns <c>system_config.yaml</c>'s broker section, <c>.env</c> and the environment into
/// <see cref="OandaClientOptions"/>. Practice hosts are the default; live hosts need the
/// <c>--live</c> flag AND <c>environment: live</c> AND <c>confirm_live: true</c>. The URLs can be
/// overridden by <c>OANDA_REST_URL</c>/<c>OANDA_STREAM_URL</c> (environment or .env) or
/// <c>rest_url</c>/<c>stream_url</c> in the config, in that order, to point at a local server.
/// </summary>
public static class OandaEnvironment
{
    /// <summary>The practice REST host.</summary>
    public static readonly Uri PracticeRest = new("https://api-fxpractice.oanda.com/v3");
    /// <summary>The practice streaming host.</summary>
    public static readonly Uri PracticeStream = new("https://stream-fxpractice.oanda.com/v3");
    /// <summary>The live (real money) REST host.</summary>
    public static readonly Uri LiveRest = new("https://api-fxtrade.oanda.com/v3");
    /// <summary>The live (real money) streaming host.</summary>
    public static readonly Uri LiveStream = new("https://stream-fxtrade.oanda.com/v3");

    /// <summary>Resolves the options; <paramref name="live"/> is the command line's <c>--live</c> flag.</summary>
    /// <exception cref="ConfigurationException">Live is asked for without confirmation (or configured without the flag), a secret is missing, or a URL is invalid.</exception>
    public static OandaClientOptions Resolve(BrokerOptions broker, DotEnvFile secrets, bool live, string configFile = "system_config.yaml")
    {
        bool configuredLive = broker.Environment == BrokerEnvironment.Live;
        if (live && !(configuredLive && broker.ConfirmLive))
            throw new ConfigurationException(configFile, 0, 0, "broker.confirm_live", "--live needs broker.environment: live and broker.confirm_live: true");
        if (!live && configuredLive)
            throw new ConfigurationException(configFile, 0, 0, "broker.environment", "is live: pass --live as well to trade real money (practice is the default)");
        var rest = Url(secrets.Get("OANDA_REST_URL")?.Reveal() ?? broker.RestUrl, live ? LiveRest : PracticeRest, "OANDA_REST_URL / broker.rest_url", configFile);
        var stream = Url(secrets.Get("OANDA_STREAM_URL")?.Reveal() ?? broker.StreamUrl, live ? LiveStream : PracticeStream, "OANDA_STREAM_URL / broker.stream_url", configFile);
        return new OandaClientOptions
        {
            RestUrl = rest,
            StreamUrl = stream,
            Token = secrets.Require("OANDA_TOKEN"),
            AccountId = secrets.Require("OANDA_ACCOUNT_ID"),
            RequestTimeout = TimeSpan.FromSeconds(broker.TimeoutSeconds),
        };
    }

    private static Uri Url(string? text, Uri fallback, string key, string configFile)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)) return uri;
        throw new ConfigurationException(configFile, 0, 0, key, "is not an http(s) URL");
    }
}
