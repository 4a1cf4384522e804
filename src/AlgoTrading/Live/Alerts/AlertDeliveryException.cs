namespace AlgoTrading.Live.Alerts;

/// <summary>An alert could not be delivered. The message is safe to log: it never holds a secret.</summary>
public sealed class AlertDeliveryException(string message) : Exception(message);
