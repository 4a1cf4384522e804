namespace AlgoTrading.Data.Processors;

/// <summary>Validation under <see cref="ValidationPolicy.Fail"/> met an issue; the message names the source, line and reason.</summary>
public sealed class DataValidationException(string message, ValidationReport report) : Exception(message)
{
    /// <summary>What had been found up to the failure.</summary>
    public ValidationReport Report { get; } = report;
}
