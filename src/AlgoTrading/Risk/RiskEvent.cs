namespace AlgoTrading.Risk;

/// <summary>An order the risk manager resized or refused.</summary>
/// <param name="Time">Bar start (UTC) of the decision bar.</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="RequestedUnits">The position the strategy wanted.</param>
/// <param name="AllowedUnits">The position allowed.</param>
/// <param name="Reason">The rule and its numbers.</param>
public sealed record RiskEvent(DateTime Time, string Instrument, double RequestedUnits, double AllowedUnits, string Reason);
