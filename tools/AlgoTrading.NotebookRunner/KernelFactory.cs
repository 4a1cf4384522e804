using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace AlgoTrading.NotebookRunner;

/// <summary>
/// Builds the C# kernel a notebook runs in: kernel helpers (<c>display</c>, <c>HTML</c>), value sharing,
/// <c>#r "nuget: ..."</c> and <c>#i</c> through the package-management directive, and the kernel extensions
/// of referenced packages (the <c>interactive-extensions/dotnet</c> folder of a package) loaded right
/// after the submission whose <c>#r</c> brought them, as Polyglot Notebooks does.
/// </summary>
internal static class KernelFactory
{
    public static CSharpKernel Create()
    {
        var kernel = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        var extensions = new PackageExtensionLoader();
        kernel.UseNugetDirective((k, packages) =>
        {
            extensions.Add(packages);
            k.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
            return Task.CompletedTask;
        }, forceRestore: false);
        kernel.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context);
            await extensions.LoadPendingAsync(kernel);
        });
        return kernel;
    }

    /// <summary>Remembers restored packages and, once their submission has run, loads their kernel extensions.</summary>
    private sealed class PackageExtensionLoader
    {
        private readonly ConcurrentQueue<ResolvedPackageReference> _pending = new();
        private readonly ConcurrentDictionary<string, string> _assemblyPaths = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _loaded = new(StringComparer.OrdinalIgnoreCase);

        public PackageExtensionLoader()
        {
            // An extension assembly is loaded from its package folder; its references (the package's own
            // library, its dependencies) are in other package folders the restore reported.
            AssemblyLoadContext.Default.Resolving += (context, name) =>
                name.Name is { } simple && _assemblyPaths.TryGetValue(simple, out var path) ? context.LoadFromAssemblyPath(path) : null;
        }

        public void Add(IReadOnlyList<ResolvedPackageReference> packages)
        {
            foreach (var package in packages)
            {
                foreach (var path in package.AssemblyPaths)
                    _assemblyPaths.TryAdd(Path.GetFileNameWithoutExtension(path), path);
                _pending.Enqueue(package);
            }
        }

        public async Task LoadPendingAsync(Kernel kernel)
        {
            while (_pending.TryDequeue(out var package))
            {
                var folder = Path.Combine(package.PackageRoot, "interactive-extensions", "dotnet");
                if (!Directory.Exists(folder) || !_loaded.Add(folder)) continue;
                foreach (var file in Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal))
                {
                    var assembly = LoadOnce(file);
                    foreach (var type in assembly.GetExportedTypes().Where(t => typeof(IKernelExtension).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }))
                    {
                        var extension = (IKernelExtension)Activator.CreateInstance(type)!;
                        await extension.OnLoadAsync(kernel);
                    }
                }
            }
        }

        // The package's library may be the extension assembly itself and already be loaded by the
        // submission: reuse it so formatters are registered for the very types the notebook uses.
        private static Assembly LoadOnce(string path)
        {
            var name = AssemblyName.GetAssemblyName(path);
            return AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name) && a.GetName().Version == name.Version)
                   ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }
    }
}
