using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Brokers;
using AlgoTrading.Execution.Orders;
using Polly;
using Polly.Retry;


namespace AlgoTrading.Brokers.Oanda;

// Order creation exactly once: a submission whose outcome is unknown is looked up by @clientId
// before anything is sent again.
public sealed partial class OandaClient
{
    private async Task<BrokerOrderResult> CreateOnceAsync(HttpMethod method, string path, string operation, BrokerOrderRequest request, CancellationToken cancellationToken)
    {
        var instrument = await InstrumentAsync(request.Instrument, cancellationToken);
        var body = Json(w => OandaWire.WriteOrder(w, request, instrument?.DisplayPrecision ?? 5, instrument?.TradeUnitsPrecision ?? 0));
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                using var doc = await SendAsync(method, path, body, operation, idempotent: false, request.ClientId, cancellationToken);
                return ResultOfCreate(request.ClientId, doc.RootElement, operation);
            }
            catch (BrokerException e) when (e.Reason == "CLIENT_ORDER_ID_ALREADY_EXISTS")
            {
                // Sent before (an earlier run or a lost answer): the existing order is the result.
                var existing = await RecoverAsync(request.ClientId, operation, cancellationToken);
                if (existing is not null) return existing;
                throw;
            }
            catch (BrokerException e) when (e.Kind == BrokerErrorKind.Transient)
            {
                // The order may exist although the answer never arrived: look before any retry.
                Log($"{operation} order {request.ClientId.Value}: outcome unknown ({e.Reason}); looking it up");
                if (await RecoverAsync(request.ClientId, operation, cancellationToken) is { } found) return found;
                if (attempt >= _options.MaxRetries) throw;
            }
        }
    }

    private BrokerOrderResult ResultOfCreate(ClientOrderId id, JsonElement root, string operation)
    {
        long last = OandaWire.IdOf(root, "lastTransactionID");
        var created = root.GetProperty("orderCreateTransaction");
        var orderId = OandaWire.StringOf(created, "id") ?? "";
        // A replace also carries the cancel of the order it replaced: only a cancel of the new order is a failure.
        foreach (var name in new[] { "orderCancelTransaction", "replacingOrderCancelTransaction" })
            if (root.TryGetProperty(name, out var cancel) && OandaWire.StringOf(cancel, "orderID") == orderId)
            {
                var reason = OandaWire.StringOf(cancel, "reason");
                throw new BrokerException(OandaErrors.OfReason(reason), operation, reason, id, 201);
            }
        if (root.TryGetProperty("orderFillTransaction", out var fill))
            return new BrokerOrderResult(id, orderId, OrderStatus.Filled, OandaWire.DecimalOf(fill, "units") ?? 0, OandaWire.DecimalOf(fill, "price"),
                fill.TryGetProperty("tradeOpened", out var opened) ? OandaWire.StringOf(opened, "tradeID") : null, null, last, Recovered: false);
        return new BrokerOrderResult(id, orderId, OrderStatus.Accepted, 0, null, null, null, last, Recovered: false);
    }

    private async Task<BrokerOrderResult?> RecoverAsync(ClientOrderId id, string operation, CancellationToken cancellationToken)
    {
        using var doc = await TryReadAsync($"{_accountPath}/orders/{Specifier(id)}", "GET order", id, cancellationToken);
        if (doc is null) return null;
        var order = doc.RootElement.GetProperty("order");
        long last = OandaWire.IdOf(doc.RootElement, "lastTransactionID");
        var orderId = OandaWire.StringOf(order, "id") ?? "";
        switch (OandaWire.StringOf(order, "state"))
        {
            case "FILLED":
                {
                    using var t = await ReadAsync($"{_accountPath}/transactions/{OandaWire.IdOf(order, "fillingTransactionID")}", "GET transaction", cancellationToken, id);
                    var fill = t.RootElement.GetProperty("transaction");
                    Log($"order {id.Value} was already filled: recovered");
                    return new BrokerOrderResult(id, orderId, OrderStatus.Filled, OandaWire.DecimalOf(fill, "units") ?? 0, OandaWire.DecimalOf(fill, "price"),
                        fill.TryGetProperty("tradeOpened", out var opened) ? OandaWire.StringOf(opened, "tradeID") : null, null, last, Recovered: true);
                }
            case "CANCELLED":
                {
                    using var t = await ReadAsync($"{_accountPath}/transactions/{OandaWire.IdOf(order, "cancellingTransactionID")}", "GET transaction", cancellationToken, id);
                    var reason = OandaWire.StringOf(t.RootElement.GetProperty("transaction"), "reason");
                    throw new BrokerException(OandaErrors.OfReason(reason), operation, reason, id, 201);
                }
            default:
                Log($"order {id.Value} already exists: recovered");
                return new BrokerOrderResult(id, orderId, OrderStatus.Accepted, 0, null, null, null, last, Recovered: true);
        }
    }

    private async Task<BrokerInstrument?> InstrumentAsync(string name, CancellationToken cancellationToken)
    {
        if (_instruments is null) await GetInstrumentsAsync(cancellationToken);
        return _instruments!.GetValueOrDefault(name);
    }

    private static string Specifier(ClientOrderId id) => "@" + Uri.EscapeDataString(id.Value);
}
