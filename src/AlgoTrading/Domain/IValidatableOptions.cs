namespace AlgoTrading.Domain;

/// <summary>
/// Options that check rules across their own fields after binding (single fields are checked
/// by the binder from <c>required</c> and <see cref="System.ComponentModel.DataAnnotations.RangeAttribute"/>).
/// </summary>
public interface IValidatableOptions
{
    /// <summary>Returns problems as (relative key, message) pairs; empty when valid.</summary>
    IEnumerable<(string Key, string Problem)> Validate();
}
