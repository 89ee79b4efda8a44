using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PharmaRag.Testing;

/// <summary>
/// s3rver (npm, 3.7.1), an S3-compatible server, as a child process on a free loopback port with
/// one bucket. ./test.sh installs it into the tools cache; a run without it installs it there first.
/// s3rver does not check presigned URLs' signatures (a PUT with another content type passes),
/// so the presigner tests check signature, expiry and bound headers with their own verifier.
/// </summary>
public sealed class S3rver : IAsyncDisposable
{
    public const string AccessKeyId = "S3RVER";
    public const string SecretAccessKey = "S3RVER";
    public const string Version = "3.7.1";

    private readonly Process _process;
    private readonly TempDirectory _data;

    private S3rver(Process process, TempDirectory data, Uri address, string bucket)
    {
        _process = process;
        _data = data;
        Address = address;
        Bucket = bucket;
    }

    public Uri Address { get; }

    public string Bucket { get; }

    /// <summary>Configuration that points a PharmaRag process at this server.</summary>
    public string[] Settings(string prefix) =>
    [
        "--PharmaRag:Objects:Provider=s3",
        $"--PharmaRag:Objects:S3:Bucket={Bucket}",
        $"--PharmaRag:Objects:S3:Prefix={prefix}",
        $"--PharmaRag:Objects:S3:ServiceUrl={Address}",
        "--PharmaRag:Objects:S3:ForcePathStyle=true",
    ];

    /// <summary>The SDK's default credential chain reads these; s3rver knows only its own pair.</summary>
    public static void UseCredentialsInThisProcess()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", AccessKeyId);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", SecretAccessKey);
    }

    public static async Task<S3rver> StartAsync(string bucket = "pharmarag-test")
    {
        var script = await TestTools.NpmFileAsync("s3rver", Version, Path.Combine("bin", "s3rver.js"));
        var data = new TempDirectory();
        var port = FreePort();
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, "-d", data.Path, "-a", "127.0.0.1", "-p", port.ToString(), "-s", "--configure-bucket", bucket })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 300 && !process.HasExited; attempt++)
        {
            try
            {
                // Unsigned requests are refused, but any HTTP answer means the server is listening.
                using var response = await client.GetAsync(new Uri(address, "/" + bucket));
                return new S3rver(process, data, address, bucket);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        process.Kill(entireProcessTree: true);
        data.Dispose();
        throw new InvalidOperationException($"s3rver did not start on port {port}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _data.Dispose();
    }
}
