using System.Security.Cryptography;

namespace PharmaRag.Storage.FileSystem;

/// <summary>
/// The upload signing key: the configured one, else a random key created once in the data
/// directory (readable by its owner only) so that issued URLs survive restarts.
/// </summary>
public static class SigningKeyFile
{
    public static byte[] LoadOrCreate(string dataDirectory, string? configuredBase64)
    {
        if (!string.IsNullOrWhiteSpace(configuredBase64))
        {
            var configured = Convert.FromBase64String(configuredBase64);
            return configured.Length >= 16
                ? configured
                : throw new InvalidOperationException("PharmaRag:Uploads:SigningKey must be at least 16 bytes (base64).");
        }

        var path = Path.Combine(dataDirectory, "secrets", "upload-signing.key");
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var writer = new StreamWriter(temp, options))
        {
            writer.Write(Convert.ToBase64String(key));
        }
        File.Move(temp, path, overwrite: true);
        return key;
    }
}
