using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using AlgoTrading.Domain;

namespace AlgoTrading.Configuration;

/// <summary>
/// Binds YAML to options classes strictly: snake_case keys map to PascalCase init properties;
/// an unknown key, a value of the wrong type, a value outside a <see cref="RangeAttribute"/> or
/// <see cref="RegularExpressionAttribute"/>, or a
/// missing <c>required</c> member fails with a <see cref="ConfigurationException"/> that names the
/// file, line, key path and what was expected. Supported types: string, bool, int, long, double,
/// decimal, enums (snake_case names), <see cref="TimeSpan"/> (<c>HH:mm[:ss]</c>), nested classes,
/// lists and string-keyed dictionaries of those, and <see cref="object"/> for free-form values.
/// <para>An empty document, or one that is only <c>null</c> or <c>~</c>, means the defaults. To keep a
/// hostile or broken file from hanging a command, a document may hold at most
/// <see cref="MaxDocumentChars"/> characters and <see cref="MaxAliases"/> aliases, and expand (aliases
/// followed) to at most <see cref="MaxExpandedNodes"/> nodes; beyond that it fails naming the file.</para>
/// </summary>
internal static class YamlBinder
{
    /// <summary>Largest document read, in characters (1 MiB; configuration files are a few KB).</summary>
    public const int MaxDocumentChars = 1 << 20;
    /// <summary>Most aliases (<c>*name</c>) a document may use.</summary>
    public const int MaxAliases = 1_000;
    /// <summary>Most nodes a document may expand to once every alias is followed (stops alias-expansion bombs).</summary>
    public const int MaxExpandedNodes = 100_000;
    /// <summary>Deepest nesting of mappings and sequences a document may have.</summary>
    public const int MaxDepth = 200;

    /// <summary>Reads and binds <paramref name="path"/>.</summary>
    public static T BindFile<T>(string path) where T : class, new()
    {
        if (!File.Exists(path)) throw new ConfigurationException(path, 0, 0, "", "the file does not exist");
        using var reader = new StreamReader(path);
        return Bind<T>(reader, path);
    }

    /// <summary>Binds YAML text; <paramref name="file"/> names it in messages.</summary>
    public static T Bind<T>(TextReader yaml, string file) where T : class, new()
    {
        var text = ReadBounded(yaml, file);
        var unusual = CountAliases(text, file);
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e)
        {
            throw new ConfigurationException(file, e.Start.Line, e.Start.Column, "", $"not valid YAML: {OneLine(e.InnerException?.Message ?? e.Message)}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet signals a few malformed documents with framework exceptions and no position.
            throw new ConfigurationException(file, unusual?.Line ?? 1, unusual?.Column ?? 1, "", "not valid YAML: a value appears where YAML allows none (e.g. '- item' after 'key:' on the same line)");
        }
        if (stream.Documents.Count == 0) return Finish(new T(), file, "", null);
        var root = stream.Documents[0].RootNode;
        CheckExpansion(root, file);
        if (IsNull(root)) return Finish(new T(), file, "", root);
        return (T)BindValue(typeof(T), root, file, "")!;
    }

    // Reads in small chunks: a buffer of the largest document (2 MB) was fresh memory, zeroed and faulted in
    // page by page, for every few-KB file.
    private static string ReadBounded(TextReader yaml, string file)
    {
        var text = new StringBuilder();
        var chunk = new char[16 * 1024];
        for (int n; (n = yaml.ReadBlock(chunk, 0, chunk.Length)) > 0;)
        {
            if (text.Length + n > MaxDocumentChars)
                throw new ConfigurationException(file, 0, 0, "", $"the file is larger than {MaxDocumentChars:N0} characters; a configuration file is a few KB");
            text.Append(chunk, 0, n);
        }
        return text.ToString();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static bool IsNull(YamlNode node) => node is YamlScalarNode { Value: null or "" or "~" or "null" or "Null" or "NULL" } scalar
        && scalar.Tag.IsEmpty && scalar.Style is YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any;

    // Aliases are counted on the parser's events, before any tree is built. Returns where the first
    // event the tree builder cannot take (neither a node nor structure) starts, for a later error.
    private static Mark? CountAliases(string text, string file)
    {
        var parser = new Parser(new StringReader(text));
        int aliases = 0, depth = 0;
        Mark? last = null, unusual = null;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                last = current.End;
                // YamlDotNet builds its tree recursively: a deeply nested document (a 1 MB run of '[')
                // would overflow the stack and kill the process, so depth is checked on the events first.
                if (current is SequenceStart or MappingStart && ++depth > MaxDepth)
                    throw new ConfigurationException(file, current.Start.Line, current.Start.Column, "", $"nested more than {MaxDepth} levels deep");
                if (current is SequenceEnd or MappingEnd) depth--;
                if (current is AnchorAlias alias && ++aliases > MaxAliases)
                    throw new ConfigurationException(file, alias.Start.Line, alias.Start.Column, "", $"more than {MaxAliases:N0} aliases; a configuration file needs a handful");
                if (unusual is null && current is not (StreamStart or StreamEnd or DocumentStart or DocumentEnd or NodeEvent or SequenceEnd or MappingEnd))
                    unusual = current.Start;
            }
        }
        catch (YamlException) { } // syntax errors are reported by the full load, with its position
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner fails on a few malformed values with framework exceptions and no
            // position: the value after the last event it read is the one at fault.
            throw new ConfigurationException(file, last?.Line ?? 1, last?.Column ?? 1, "", "not valid YAML: the value after this point cannot be read");
        }
        return unusual;
    }

    // The loaded tree shares one node per anchor, so its size with aliases followed is counted
    // once per distinct node (memoised): linear in the file, whatever the expansion would be.
    private static void CheckExpansion(YamlNode root, string file)
    {
        var sizes = new Dictionary<YamlNode, long>(ReferenceEqualityComparer.Instance);
        long Size(YamlNode node, int depth)
        {
            if (sizes.TryGetValue(node, out var known))
                return known >= 0 ? known : throw new ConfigurationException(file, node.Start.Line, node.Start.Column, "", "an alias refers to a node that contains it");
            if (depth > MaxDepth) throw new ConfigurationException(file, node.Start.Line, node.Start.Column, "", $"nested more than {MaxDepth} levels deep");
            sizes[node] = -1;
            long size = 1;
            foreach (var child in node is YamlMappingNode m ? m.Children.SelectMany(kv => new[] { kv.Key, kv.Value }) : node is YamlSequenceNode q ? q.Children : [])
                size = Math.Min(size + Size(child, depth + 1), long.MaxValue / 4);
            sizes[node] = size;
            return size;
        }
        if (Size(root, 0) > MaxExpandedNodes)
            throw new ConfigurationException(file, root.Start.Line, root.Start.Column, "",
                $"aliases expand the document to more than {MaxExpandedNodes:N0} values (an alias-expansion bomb?); write the values out or use fewer aliases");
    }

    private static object? BindValue(Type type, YamlNode node, string file, string path)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
            return node is YamlScalarNode { Value: null or "" or "~" or "null" } ? null : BindValue(underlying, node, file, path);
        if (type == typeof(object)) return Raw(node);
        if (type == typeof(string) || type.IsPrimitive || type == typeof(decimal) || type.IsEnum || type == typeof(TimeSpan))
            return BindScalar(type, node, file, path);
        if (TryDictionaryValueType(type, out var valueType)) return BindDictionary(type, valueType, node, file, path);
        if (TryListElementType(type, out var elementType)) return BindList(type, elementType, node, file, path);
        return BindObject(type, node, file, path);
    }

    private static object BindObject(Type type, YamlNode node, string file, string path)
    {
        if (IsNull(node)) node = new YamlMappingNode();
        if (node is not YamlMappingNode map) throw Error(file, node, path, $"expected a mapping (keys and values) for {Describe(type)}");
        var instance = Activator.CreateInstance(type) ?? throw Error(file, node, path, $"cannot create {type.Name}");
        var properties = Settable(type).ToDictionary(p => SnakeCase(p.Name), StringComparer.Ordinal);
        var seen = new HashSet<string>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (!properties.TryGetValue(key, out var property))
                throw Error(file, keyNode, childPath, $"unknown key; expected one of: {string.Join(", ", properties.Keys.Order())}");
            seen.Add(key);
            var value = BindValue(property.PropertyType, valueNode, file, childPath);
            CheckRange(property, value, file, valueNode, childPath);
            property.SetValue(instance, value);
        }
        foreach (var (key, property) in properties)
            if (!seen.Contains(key) && property.GetCustomAttribute<RequiredMemberAttribute>() is not null)
                throw Error(file, map, path.Length == 0 ? key : $"{path}.{key}", $"is required ({Describe(property.PropertyType)}) but missing");
        return Finish(instance, file, path, map);
    }

    private static T Finish<T>(T instance, string file, string path, YamlNode? node)
    {
        if (instance is IValidatableOptions validatable)
            foreach (var (key, problem) in validatable.Validate())
                throw Error(file, node, path.Length == 0 ? key : key.Length == 0 ? path : $"{path}.{key}", problem);
        return instance;
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });

    private static void CheckRange(PropertyInfo property, object? value, string file, YamlNode node, string path)
    {
        if (value is string text && property.GetCustomAttribute<RegularExpressionAttribute>() is { } pattern
            && !System.Text.RegularExpressions.Regex.IsMatch(text, pattern.Pattern))
            throw Error(file, node, path, $"'{text}' does not match the expected pattern {pattern.Pattern}");
        if (value is null || property.GetCustomAttribute<RangeAttribute>() is not { } range) return;
        double v = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        double min = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture), max = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
        if (v < min || v > max) throw Error(file, node, path, $"{value} is out of range; expected a value from {range.Minimum} to {range.Maximum}");
    }

    private static object BindScalar(Type type, YamlNode node, string file, string path)
    {
        if (node is not YamlScalarNode scalar) throw Error(file, node, path, $"expected {Describe(type)}, got a {(node is YamlSequenceNode ? "list" : "mapping")}");
        var text = scalar.Value ?? "";
        if (type == typeof(string)) return text;
        var inv = CultureInfo.InvariantCulture;
        object? result = type switch
        {
            _ when type == typeof(bool) => text.ToLowerInvariant() switch { "true" or "yes" => true, "false" or "no" => false, _ => null },
            _ when type == typeof(int) => int.TryParse(text, NumberStyles.Integer, inv, out var i) ? i : null,
            _ when type == typeof(long) => long.TryParse(text, NumberStyles.Integer, inv, out var l) ? l : null,
            _ when type == typeof(double) => double.TryParse(text, NumberStyles.Float, inv, out var d) && double.IsFinite(d) ? d : null,
            _ when type == typeof(decimal) => decimal.TryParse(text, NumberStyles.Float, inv, out var m) ? m : null,
            _ when type == typeof(TimeSpan) => TimeSpan.TryParseExact(text, [@"hh\:mm", @"hh\:mm\:ss"], inv, out var t) ? t : null,
            _ when type.IsEnum => Enum.GetNames(type).FirstOrDefault(n => SnakeCase(n) == text.ToLowerInvariant() || n.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse(type, name) : null,
            _ => null,
        };
        return result ?? throw Error(file, node, path, $"expected {Describe(type)}, got '{text}'");
    }

    private static object BindList(Type type, Type elementType, YamlNode node, string file, string path)
    {
        if (node is not YamlSequenceNode seq) throw Error(file, node, path, $"expected a list of {Describe(elementType)}");
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
        int i = 0;
        foreach (var child in seq.Children) list.Add(BindValue(elementType, child, file, $"{path}[{i++}]"));
        if (type.IsArray)
        {
            var array = Array.CreateInstance(elementType, list.Count);
            list.CopyTo(array, 0);
            return array;
        }
        return list;
    }

    private static object BindDictionary(Type type, Type valueType, YamlNode node, string file, string path)
    {
        if (node is YamlScalarNode { Value: null or "" or "~" }) node = new YamlMappingNode();
        if (node is not YamlMappingNode map) throw Error(file, node, path, $"expected a mapping of names to {Describe(valueType)}");
        var dict = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
        foreach (var (k, v) in map.Children)
        {
            var key = ((YamlScalarNode)k).Value ?? "";
            if (dict.Contains(key)) throw Error(file, k, $"{path}.{key}", "is defined twice");
            dict[key] = BindValue(valueType, v, file, path.Length == 0 ? key : $"{path}.{key}");
        }
        return dict;
    }

    private static object? Raw(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value,
        YamlSequenceNode seq => seq.Children.Select(Raw).ToList(),
        YamlMappingNode map => map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => Raw(kv.Value)),
        _ => null,
    };

    private static bool TryDictionaryValueType(Type type, out Type valueType)
    {
        valueType = typeof(object);
        if (!type.IsGenericType) return false;
        var def = type.GetGenericTypeDefinition();
        if ((def == typeof(Dictionary<,>) || def == typeof(IReadOnlyDictionary<,>) || def == typeof(IDictionary<,>)) && type.GetGenericArguments()[0] == typeof(string))
        {
            valueType = type.GetGenericArguments()[1];
            return true;
        }
        return false;
    }

    private static bool TryListElementType(Type type, out Type elementType)
    {
        elementType = typeof(object);
        if (type.IsArray) { elementType = type.GetElementType()!; return true; }
        if (!type.IsGenericType) return false;
        var def = type.GetGenericTypeDefinition();
        if (def == typeof(List<>) || def == typeof(IReadOnlyList<>) || def == typeof(IList<>) || def == typeof(IEnumerable<>) || def == typeof(IReadOnlyCollection<>))
        {
            elementType = type.GetGenericArguments()[0];
            return true;
        }
        return false;
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(string) => "a string",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) || type == typeof(long) => "an integer",
        _ when type == typeof(double) || type == typeof(decimal) => "a number",
        _ when type == typeof(TimeSpan) => "a time of day HH:mm",
        _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type).Select(SnakeCase))}",
        _ when Nullable.GetUnderlyingType(type) is { } u => Describe(u),
        _ => $"a {SnakeCase(type.Name.Replace("Options", ""))} section",
    };

    /// <summary>PascalCase → snake_case (<c>PipLocation</c> → <c>pip_location</c>).</summary>
    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])))) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    private static ConfigurationException Error(string file, YamlNode? node, string path, string problem) =>
        new(file, node?.Start.Line ?? 0, node?.Start.Column ?? 0, path, problem);
}
