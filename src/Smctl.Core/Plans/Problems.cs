using Smctl.Core.Errors;

namespace Smctl.Core.Plans;

/// <summary>Everything validation found wrong, in every repo, reported together before anything changes.</summary>
public sealed class Problems
{
    private readonly List<(string Repo, string Message)> _items = [];

    public void Add(string repo, string message)
    {
        lock (_items) _items.Add((repo, message));
    }

    public int Count => _items.Count;

    public void ThrowIfAny(string command, string? suggestion = null)
    {
        if (_items.Count == 0) return;
        var lines = _items.OrderBy(i => i.Repo, StringComparer.Ordinal).Select(i => $"  {i.Repo}: {i.Message}");
        throw new SmctlException(ErrorKind.Git,
            $"'{command}' refused, nothing was changed ({_items.Count} problem{(_items.Count == 1 ? "" : "s")}):\n{string.Join('\n', lines)}",
            suggestion, repo: _items.Select(i => i.Repo).Distinct().Count() == 1 ? _items[0].Repo : null);
    }
}
