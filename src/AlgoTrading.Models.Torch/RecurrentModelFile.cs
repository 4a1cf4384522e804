using System.Security.Cryptography;
using System.Text.Json;
using AlgoTrading.Models;

namespace AlgoTrading.Models.Torch;

/// <summary>
/// What <see cref="RecurrentModel"/> writes next to its weights: the fitted scaling of features and
/// target, the shape, and the SHA-256 of the weights file, so that a truncated or altered file is
/// refused on load instead of predicting garbage. Floats are written round-trip exact.
/// </summary>
internal sealed record RecurrentModelFile(
    int Format,
    string Kind,
    string[] FeatureNames,
    int SequenceLength,
    float[] FeatureMean,
    float[] FeatureStd,
    float TargetMean,
    float TargetStd,
    string WeightsSha256)
{
    public const string FileName = "recurrent_model.json";
    public const string WeightsFileName = "recurrent_model.weights";
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Write(string directory) =>
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>Reads and checks the file and the weights' hash; any fault is a one-line <see cref="ModelInputException"/>.</summary>
    public static RecurrentModelFile Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new ModelInputException($"{path}: model file missing");
        RecurrentModelFile? file;
        try
        {
            file = JsonSerializer.Deserialize<RecurrentModelFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new ModelInputException($"{path}: corrupted model file ({FirstLine(e.Message)})");
        }
        if (file is null || file.FeatureNames is null || file.FeatureMean is null || file.FeatureStd is null || file.WeightsSha256 is null
            || file.FeatureMean.Length != file.FeatureNames.Length || file.FeatureStd.Length != file.FeatureNames.Length)
            throw new ModelInputException($"{path}: corrupted model file (fields missing or of inconsistent length)");
        if (file.Format != CurrentFormat)
            throw new ModelInputException($"{path}: model file format {file.Format}, this version reads {CurrentFormat}");

        string weights = Path.Combine(directory, WeightsFileName);
        if (!File.Exists(weights)) throw new ModelInputException($"{weights}: model weights missing");
        if (!string.Equals(Sha256(weights), file.WeightsSha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelInputException($"{weights}: corrupted model file (SHA-256 differs from the one recorded in {FileName})");
        return file;
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
