using AlgoTrading.Domain;
using Telegram.Bot;

namespace AlgoTrading.Live.Alerts;

/// <summary>
/// Sends each alert as a plain-text message to one Telegram chat through the Bot API. The bot token
/// and chat id are secrets (from <c>.env</c>: <c>TELEGRAM_BOT_TOKEN</c>, <c>TELEGRAM_CHAT_ID</c>); the
/// API base URL is configurable so that tests can point it at a local server. Errors never carry the
/// token: the Bot API puts it in the request path, so failures are re-thrown with the status only.
/// </summary>
public sealed class TelegramAlertSink : IAlertSink
{
    private readonly TelegramBotClient _bot;
    private readonly Secret _chatId;

    /// <summary>A sink for <paramref name="chatId"/> through the bot <paramref name="token"/>; <paramref name="baseUrl"/> null means Telegram's own.</summary>
    public TelegramAlertSink(Secret token, Secret chatId, HttpClient http, string? baseUrl = null)
    {
        _bot = new TelegramBotClient(new TelegramBotClientOptions(token.Reveal(), baseUrl), http);
        _chatId = chatId;
    }

    /// <inheritdoc />
    public string Name => "telegram";

    /// <inheritdoc />
    public async Task SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        try
        {
            await _bot.SendMessage(_chatId.Reveal(), alert.ToText(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The library's own exceptions may quote the request URI, which holds the token.
            throw new AlertDeliveryException($"telegram: {e.GetType().Name}{(e is Telegram.Bot.Exceptions.ApiRequestException api ? $" {api.ErrorCode}" : "")}");
        }
    }
}
