using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AlgoTrading.Models.Store;

/// <summary>
/// Trained models on disk under one root (<c>model_storage/</c>): <c>staging/&lt;id&gt;/</c> for new
/// models, <c>production/&lt;market&gt;/&lt;instrument&gt;/vN/</c> for the one in use,
/// <c>archive/&lt;market&gt;/&lt;instrument&gt;/vN/</c> for those it replaced, and
/// <c>metadata/&lt;id&gt;.json</c> indexing all of them. Every write goes to a temporary folder first
/// and is renamed into place, so a failure never leaves a half-written model.
/// </summary>
public sealed class ModelStore(string root)
{
    /// <summary>The metadata file inside each model folder.</summary>
    public const string MetadataFile = "metadata.json";

    // An undefined metric (AUC of a fold whose labels are one class) is NaN: written as "NaN" and read back, not a failed save.
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, Converters = { new JsonStringEnumConverter() }, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The store's root folder.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>
    /// Saves <paramref name="model"/> (trained) into <c>staging/&lt;id&gt;/</c> with <paramref name="record"/>
    /// completed by the store (path, file hashes, code version, time). <paramref name="writeExtras"/>,
    /// when given, writes reports (fold table, out-of-sample predictions) into the folder before it is
    /// moved into place.
    /// </summary>
    public StoredModel Save(IModel model, StoredModel record, Action<string>? writeExtras = null)
    {
        var staging = Path.Combine(Root, "staging");
        Directory.CreateDirectory(staging);
        Directory.CreateDirectory(Path.Combine(Root, "metadata"));
        var final = Path.Combine(staging, record.Id);
        if (Directory.Exists(final)) throw new ModelInputException($"model {record.Id} already exists in {staging}");
        var temp = Path.Combine(staging, ".tmp-" + record.Id);
        try
        {
            model.Save(temp);
            var modelFiles = Directory.GetFiles(temp).Select(f => Path.GetFileName(f)).ToHashSet();
            writeExtras?.Invoke(temp);
            var files = Directory.GetFiles(temp).Where(f => modelFiles.Contains(Path.GetFileName(f)) && !f.EndsWith(".sha256", StringComparison.Ordinal))
                .ToDictionary(f => Path.GetFileName(f), ModelFiles.Sha256);
            record = record with
            {
                Path = final, Stage = "staging", Files = files, CreatedUtc = record.CreatedUtc == default ? DateTime.UtcNow : record.CreatedUtc,
                CodeVersion = string.IsNullOrEmpty(record.CodeVersion) ? CodeVersion() : record.CodeVersion,
            };
            WriteJson(Path.Combine(temp, MetadataFile), record);
            Directory.Move(temp, final);
        }
        catch
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw;
        }
        WriteIndex(record);
        return record;
    }

    /// <summary>
    /// Moves staged model <paramref name="id"/> into production as the next version of its
    /// market/instrument and moves the current production version to the archive.
    /// </summary>
    /// <exception cref="ModelInputException">No staged model with that id.</exception>
    public StoredModel Promote(string id)
    {
        var staged = Path.Combine(Root, "staging", id);
        if (!Directory.Exists(staged)) throw new ModelInputException($"no staged model '{id}' in {Path.Combine(Root, "staging")} (see: algotrading models list)");
        var record = ReadJson(Path.Combine(staged, MetadataFile));
        var home = Path.Combine(Root, "production", record.Market, record.Instrument);
        Directory.CreateDirectory(home);
        var versions = Versions(home).Concat(Versions(Path.Combine(Root, "archive", record.Market, record.Instrument))).ToList();
        int next = versions.Count == 0 ? 1 : versions.Max() + 1;

        foreach (var current in Versions(home))
        {
            var from = Path.Combine(home, $"v{current}");
            var archived = ReadJson(Path.Combine(from, MetadataFile));
            var archiveHome = Path.Combine(Root, "archive", record.Market, record.Instrument);
            Directory.CreateDirectory(archiveHome);
            var to = Path.Combine(archiveHome, $"v{current}");
            Directory.Move(from, to);
            archived = archived with { Path = to, Stage = "archive" };
            WriteJson(Path.Combine(to, MetadataFile), archived);
            WriteIndex(archived);
        }
        var target = Path.Combine(home, $"v{next}");
        Directory.Move(staged, target);
        record = record with { Path = target, Stage = "production", Version = next };
        WriteJson(Path.Combine(target, MetadataFile), record);
        WriteIndex(record);
        return record;
    }

    /// <summary>Every model the store knows, newest first.</summary>
    public IReadOnlyList<StoredModel> List()
    {
        var index = Path.Combine(Root, "metadata");
        if (!Directory.Exists(index)) return [];
        return Directory.GetFiles(index, "*.json").Select(ReadJson).OrderByDescending(m => m.CreatedUtc).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Finds a model folder from what a user typed: a folder holding <c>metadata.json</c>, a path
    /// relative to the store (<c>production/forex/EUR_USD/latest</c> means the highest version there,
    /// <c>production/forex/EUR_USD/v2</c> that one), or an id.
    /// </summary>
    /// <exception cref="ModelInputException">Nothing matches.</exception>
    public string Resolve(string reference)
    {
        if (File.Exists(Path.Combine(reference, MetadataFile))) return Path.GetFullPath(reference);
        var relative = reference.Replace('\\', '/').TrimEnd('/');
        if (relative.EndsWith("/latest", StringComparison.Ordinal))
        {
            var home = Path.Combine(Root, relative[..^"/latest".Length]);
            var versions = Versions(home).ToList();
            if (versions.Count == 0) throw new ModelInputException($"no model in {home} (promote one first: algotrading models promote <id>)");
            return Path.Combine(home, $"v{versions.Max()}");
        }
        var inStore = Path.Combine(Root, relative);
        if (File.Exists(Path.Combine(inStore, MetadataFile))) return inStore;
        var indexed = Path.Combine(Root, "metadata", relative + ".json");
        if (File.Exists(indexed)) return ReadJson(indexed).Path;
        throw new ModelInputException($"no model '{reference}' (a model folder, a path under {Root} such as production/forex/EUR_USD/latest, or an id)");
    }

    /// <summary>Reads the metadata of the model <paramref name="reference"/> points to.</summary>
    public StoredModel Describe(string reference) => ReadJson(Path.Combine(Resolve(reference), MetadataFile));

    /// <summary>
    /// Loads the model <paramref name="reference"/> points to through its kind's registered factory,
    /// after checking every file's hash and, when <paramref name="callerFeatures"/> is given, that
    /// the caller computes exactly the features the model was trained on.
    /// </summary>
    /// <exception cref="ModelInputException">Unknown model, corrupted file, or a different feature set (the message says which column differs).</exception>
    public (IModel Model, StoredModel Record) Load(string reference, IReadOnlyList<string>? callerFeatures = null)
    {
        var folder = Resolve(reference);
        var record = ReadJson(Path.Combine(folder, MetadataFile));
        if (callerFeatures is not null) TrainingChecks.SameColumns(record.FeatureNames, callerFeatures, $"model {record.Id} (feature set '{record.FeatureSet}')");
        foreach (var (file, hash) in record.Files)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path)) throw new ModelInputException($"{path}: model file missing");
            if (!string.Equals(ModelFiles.Sha256(path), hash, StringComparison.Ordinal)) throw new ModelInputException($"{path}: corrupted model file (its SHA-256 differs from the one in {MetadataFile})");
        }
        return (ModelKinds.Get(record.Kind).Load(folder, record.ToModelMetadata()), record with { Path = folder });
    }

    /// <summary>The version string of the AlgoTrading assembly (with the commit when the build embedded one).</summary>
    public static string CodeVersion() =>
        typeof(ModelStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static IEnumerable<int> Versions(string folder) => !Directory.Exists(folder) ? [] :
        Directory.GetDirectories(folder).Select(Path.GetFileName)
            .Where(n => n is ['v', ..] && int.TryParse(n.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(n => int.Parse(n!.AsSpan(1), CultureInfo.InvariantCulture));

    private void WriteIndex(StoredModel record) => WriteJson(Path.Combine(Root, "metadata", record.Id + ".json"), record);

    private static void WriteJson(string file, StoredModel record)
    {
        var temp = file + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(record, Json));
        File.Move(temp, file, overwrite: true);
    }

    private static StoredModel ReadJson(string file)
    {
        try { return JsonSerializer.Deserialize<StoredModel>(File.ReadAllText(file), Json) ?? throw new JsonException("empty"); }
        catch (JsonException e) { throw new ModelInputException($"{file}: not a model metadata file ({e.Message.Split('\n')[0]})"); }
    }

    /// <summary>The metadata as JSON, as <c>train --json</c> and <c>models list --json</c> print it.</summary>
    public static string ToJson(StoredModel record, bool indented = false) =>
        JsonSerializer.Serialize(record, new JsonSerializerOptions(Json) { WriteIndented = indented });
}
