using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace ValeoErp.Functions.Auth;

/// <summary>
/// The local shape signs its own tokens with a key made on first run and kept beside the data
/// (<c>.valeo/</c>, never committed, readable by the owner only). Deleting it invalidates old tokens.
/// </summary>
public static class LocalSigningKey
{
    public const string Issuer = "valeo-local";
    public const string Audience = "valeo-erp";

    public static SymmetricSecurityKey LoadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "dev-signing-key");
        if (!File.Exists(path))
        {
            var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                using var writer = new StreamWriter(file);
                writer.Write(fresh);
            }
            catch (IOException) when (File.Exists(path))
            {
                // another process created it first; use theirs
            }
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(path).Trim())) { KeyId = "valeo-local" };
    }
}
