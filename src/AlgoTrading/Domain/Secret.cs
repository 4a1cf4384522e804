namespace AlgoTrading.Domain;

/// <summary>
/// A secret value (API token, account id) that cannot leak by accident: <see cref="ToString"/>,
/// string interpolation, structured logging and debugger display all show <c>***</c>. The value
/// is only reachable through <see cref="Reveal"/>, which the code that sends it calls at the last moment.
/// </summary>
[System.Diagnostics.DebuggerDisplay("***")]
public sealed class Secret
{
    private readonly string _value;

    /// <summary>Wraps <paramref name="value"/>.</summary>
    public Secret(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The value, for the one place that must send it (e.g. an Authorization header).</summary>
    public string Reveal() => _value;

    /// <summary>Whether the value is empty.</summary>
    public bool IsEmpty => _value.Length == 0;

    /// <summary>Always <c>***</c>.</summary>
    public override string ToString() => "***";
}
