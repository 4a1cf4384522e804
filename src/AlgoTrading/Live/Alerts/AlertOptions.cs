using System.ComponentModel.DataAnnotations;

namespace AlgoTrading.Live.Alerts;

/// <summary>
/// How alerts are delivered: each sink sends at most <see cref="MaxPerWindow"/> alerts per
/// <see cref="WindowSeconds"/>; alerts over the limit are counted, never lost silently, and reported
/// in one summary alert as soon as the sink has room again (and at shutdown). A critical alert goes at
/// once and counts against the window; a repeat of its kind and title within the window is limited like any other.
/// </summary>
public sealed class AlertOptions
{
    /// <summary>Alerts a sink may send per window. Default 20.</summary>
    [Range(1, 10_000)]
    public int MaxPerWindow { get; init; } = 20;

    /// <summary>The rate-limit window, seconds. Default 60.</summary>
    [Range(1, 86_400)]
    public int WindowSeconds { get; init; } = 60;

    /// <summary>A broker disconnection shorter than this many seconds raises no alert. Default 60.</summary>
    [Range(0, 86_400)]
    public int DisconnectAlertAfterSeconds { get; init; } = 60;

    /// <summary>A generic JSON webhook, or null for none.</summary>
    public string? WebhookUrl { get; init; }

    /// <summary>The Telegram Bot API base URL; null means Telegram's own (token and chat id come from <c>.env</c>).</summary>
    public string? TelegramApiUrl { get; init; }
}
