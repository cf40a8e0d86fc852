using System.CommandLine;
using Smctl.Cli.Commands.Shared;

namespace Smctl.Cli.Commands.Completions;

/// <summary>
/// Shell completion scripts. Each asks smctl itself through System.CommandLine's [suggest:N] directive,
/// so commands, options and repo names complete from the live command tree and manifest.
/// </summary>
public static class CompletionsCommand
{
    public static SmctlCommand Create(CliHost host)
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh, fish or pwsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh", "fish", "pwsh");
        var command = new SmctlCommand("completions", "Print a shell completion script (commands, options and repo names).");
        command.Add(shell);
        command.SetAction(p =>
        {
            host.Out.Write(Script(p.GetValue(shell)!));
            return 0;
        });
        return command.WithExamples(
            "source <(smctl completions bash)             # in ~/.bashrc",
            "smctl completions zsh > \"${fpath[1]}/_smctl\"",
            "smctl completions fish > ~/.config/fish/completions/smctl.fish",
            "smctl completions pwsh >> $PROFILE");
    }

    public static string Script(string shell) => shell switch
    {
        "bash" => """
            # bash completion for smctl
            _smctl_complete() {
                local line="${COMP_LINE:0:COMP_POINT}"
                local rest="${line#*[[:space:]]}"
                [[ "$rest" == "$line" ]] && rest=""
                local IFS=$'\n'
                COMPREPLY=($(smctl "[suggest:${#rest}]" "$rest" 2>/dev/null))
            }
            complete -o default -F _smctl_complete smctl

            """,
        "zsh" => """
            #compdef smctl
            # zsh completion for smctl
            _smctl() {
                local rest="${BUFFER[1,CURSOR]}"
                rest="${rest#*[[:space:]]}"
                local -a items
                items=("${(@f)$(smctl "[suggest:${#rest}]" "$rest" 2>/dev/null)}")
                compadd -Q -- "${items[@]}"
            }
            compdef _smctl smctl

            """,
        "fish" => """
            # fish completion for smctl
            function __smctl_complete
                set -l rest (string replace -r '^\S+\s*' '' -- (commandline -cp))
                smctl "[suggest:"(string length -- "$rest")"]" "$rest" 2>/dev/null
            end
            complete -c smctl -f -a '(__smctl_complete)'

            """,
        "pwsh" => """
            # PowerShell completion for smctl
            Register-ArgumentCompleter -Native -CommandName smctl -ScriptBlock {
                param($wordToComplete, $commandAst, $cursorPosition)
                $line = $commandAst.ToString().Substring(0, [Math]::Min($commandAst.ToString().Length, $cursorPosition - $commandAst.Extent.StartOffset))
                $rest = $line -replace '^\S+\s*', ''
                smctl "[suggest:$($rest.Length)]" "$rest" 2>$null | ForEach-Object {
                    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
                }
            }

            """,
        _ => throw new ArgumentOutOfRangeException(nameof(shell)),
    };
}
