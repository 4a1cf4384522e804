namespace AlgoTrading.Models.Torch;

/// <summary>The recurrent layer a <see cref="RecurrentModel"/> stacks; its name is the model kind.</summary>
internal enum RecurrentCell
{
    Lstm,
    Gru,
}

internal static class RecurrentCellNames
{
    public static string Kind(this RecurrentCell cell) => cell == RecurrentCell.Lstm ? "lstm" : "gru";
}
