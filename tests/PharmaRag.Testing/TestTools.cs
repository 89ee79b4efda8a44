using System.Diagnostics;

namespace PharmaRag.Testing;

/// <summary>
/// npm packages the tests use (s3rver, AWS's CloudFormation specification), kept outside the
/// repository. ./test.sh installs them; a test that finds one missing installs it the same way.
/// </summary>
public static class TestTools
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    /// <summary>PHARMARAG_TOOLS_DIR, else ~/.cache/pharmarag-test-tools.</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable("PHARMARAG_TOOLS_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "pharmarag-test-tools");

    /// <summary>The path of <paramref name="file"/> inside the installed package, installing it when missing.</summary>
    public static async Task<string> NpmFileAsync(string package, string version, string file)
    {
        var path = Path.Combine(Directory, "node_modules", package, file);
        if (File.Exists(path))
        {
            return path;
        }
        await Install.WaitAsync();
        try
        {
            if (!File.Exists(path))
            {
                System.IO.Directory.CreateDirectory(Directory);
                var npm = Process.Start(new ProcessStartInfo("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", Directory, $"{package}@{version}"])
                {
                    UseShellExecute = false,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                })!;
                var error = npm.StandardError.ReadToEndAsync();
                await npm.StandardOutput.ReadToEndAsync();
                await npm.WaitForExitAsync();
                if (!File.Exists(path))
                {
                    throw new InvalidOperationException($"npm could not install {package}@{version} into {Directory}: {await error}");
                }
            }
            return path;
        }
        finally
        {
            Install.Release();
        }
    }
}
