// kubectl completion SHELL: a script that teaches bash, zsh, fish or PowerShell to complete
// kubectl with Tab.
//
// Each script asks kubectl itself, as cobra's scripts do: `kubectl __complete WORDS... CURRENT`
// (or __completeNoDesc) prints the candidates, one a line, then ":DIRECTIVE". The scripts are
// kubeplay's own, short on purpose.
#include <map>
#include <string>
#include <vector>

#include "cli/completion.h"
#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/help.h"

namespace kp::cli {
namespace {

// SIMPLIFICATION: candidates are listed without their descriptions; the line is split at
// blanks (quotes on it are not parsed); bash's sort order is kept (no KeepOrder).
const char* kBashScript = R"SCRIPT(# kubectl completion for bash (kubeplay's script).
# Load it with:  source <(kubectl completion bash)
# or save it:    kubectl completion bash > ~/.kube/completion.bash.inc  (and source that file)
# It asks kubectl: `kubectl __completeNoDesc WORDS... CURRENT` prints the candidates, one a
# line, then ":DIRECTIVE" (bits: 1 error, 2 no space, 4 no file names, 8 file extensions,
# 16 folders only, 32 keep order).

__kubectl_candidates()
{
    # The words before the cursor, split at blanks; the last one is being completed.
    local line=${COMP_LINE:0:COMP_POINT} cur=
    local -a words
    read -r -a words <<< "$line"
    if [[ $line != *[[:blank:]] ]]; then
        cur=${words[${#words[@]}-1]}
        unset 'words[${#words[@]}-1]'
    fi
    "${words[0]}" __completeNoDesc "${words[@]:1}" "$cur" 2>/dev/null
    # bash completes only what follows the last "=" or ":" of the word.
    __kubectl_cut=${cur%"${cur##*[=:]}"}
}

__start_kubectl()
{
    local out directive c
    local -a lines
    COMPREPLY=()
    out=$(__kubectl_candidates; echo "~$__kubectl_cut")
    mapfile -t lines <<< "$out"
    local cut=${lines[${#lines[@]}-1]#\~}
    directive=${lines[${#lines[@]}-2]#:}
    [[ $directive =~ ^[0-9]+$ ]] || return
    (( directive & 1 )) && return
    local cur=${COMP_WORDS[COMP_CWORD]}
    [[ $cur == [=:] ]] && cur=
    if (( directive & 8 )); then
        # File names with these extensions, and folders.
        compopt -o filenames 2>/dev/null
        for c in "${lines[@]:0:${#lines[@]}-2}"; do
            COMPREPLY+=($(compgen -f -X "!*.$c" -- "$cur"))
        done
        COMPREPLY+=($(compgen -d -- "$cur"))
        compopt +o default 2>/dev/null
        return
    fi
    if (( directive & 16 )); then
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -d -- "$cur"))
        compopt +o default 2>/dev/null
        return
    fi
    for c in "${lines[@]:0:${#lines[@]}-2}"; do
        [[ -n $c ]] && COMPREPLY+=("${c#"${cut#*=}"}")
    done
    # kubectl's candidates replace only what bash takes for the word (after "=" or ":").
    if [[ $cut == *:* ]]; then
        for i in "${!COMPREPLY[@]}"; do COMPREPLY[$i]=${COMPREPLY[$i]#"${cut##*=}"}; done
    fi
    (( directive & 2 )) && compopt -o nospace 2>/dev/null
    (( directive & 4 )) && compopt +o default 2>/dev/null
    if (( ${#COMPREPLY[@]} == 0 && (directive & 4) == 0 )); then
        compopt -o default 2>/dev/null  # nothing from kubectl: bash completes file names
    fi
    return 0
}

complete -o default -F __start_kubectl kubectl
)SCRIPT";

// The bash, zsh and fish scripts were tried in real shells (bash 5.2, zsh 5.9, fish 3.6)
// against kubectl 1.32. SIMPLIFICATION: the powershell script follows the same protocol but
// was not run in a real PowerShell.
const char* kZshScript = R"SCRIPT(#compdef kubectl
compdef _kubectl kubectl

# kubectl completion for zsh (kubeplay's script).
# Load it with:  source <(kubectl completion zsh)
# It asks kubectl: `kubectl __complete WORDS... CURRENT` prints "candidate<TAB>description"
# lines, then ":DIRECTIVE" (1 error, 2 no space, 4 no file names, 8 file extensions, 16 folders).
_kubectl()
{
    local out directive line flag=
    local -a lines comps
    out=$(${words[1]} __complete ${(@)words[2,CURRENT-1]} "${words[CURRENT]}" 2>/dev/null) || return 1
    # For "--flag=value" kubectl answers values; zsh completes the whole word.
    [[ ${words[CURRENT]} == -*=* ]] && flag="${words[CURRENT]%%=*}="
    lines=("${(@f)out}")
    directive=${lines[-1]#:}
    lines=("${(@)lines[1,-2]}")
    (( directive & 1 )) && return 1
    if (( directive & 8 )); then
        _files -g "*.(${(j:|:)lines})"
        return
    fi
    if (( directive & 16 )); then
        _files -/
        return
    fi
    for line in $lines; do
        if [[ $line == *$'\t'* ]]; then
            comps+=("${flag}${${line%%$'\t'*}//:/\\:}:${line#*$'\t'}")
        else
            comps+=("${flag}${line//:/\\:}")
        fi
    done
    if (( ${#comps} )); then
        if (( directive & 2 )); then
            _describe -t kubectl 'completions' comps -S ''
        else
            _describe -t kubectl 'completions' comps
        fi
    elif (( (directive & 4) == 0 )); then
        _files
    fi
}

if [ "$funcstack[1]" = "_kubectl" ]; then
    _kubectl "$@"
fi
)SCRIPT";

const char* kFishScript = R"SCRIPT(# kubectl completion for fish (kubeplay's script).
# Load it with:  kubectl completion fish | source
# It asks kubectl: `kubectl __complete WORDS... CURRENT` prints "candidate<TAB>description"
# lines (fish's own format), then ":DIRECTIVE" (1 error, 2 no space, 4 no file names).
function __kubectl_complete
    set -l words (commandline -opc)
    set -l program $words[1]
    set -e words[1]
    set -l current (commandline -ct)
    # Quoted: an empty word is still passed, as the protocol wants.
    set -l out ($program __complete $words "$current" 2>/dev/null)
    set -l directive (string replace -r '^:' '' -- $out[-1])
    set -e out[-1]
    if test (math "$directive % 2") -eq 1
        return
    end
    for line in $out
        echo $line
    end
end

complete -c kubectl -e
complete -c kubectl -f -a '(__kubectl_complete)'
)SCRIPT";

const char* kPowershellScript = R"SCRIPT(# kubectl completion for PowerShell (kubeplay's script).
# Load it with:  kubectl completion powershell | Out-String | Invoke-Expression
# It asks kubectl: `kubectl __completeNoDesc WORDS... CURRENT` prints the candidates, one a line,
# then ":DIRECTIVE" (1 error, 2 no space, 4 no file names).
Register-ArgumentCompleter -CommandName 'kubectl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $line = $commandAst.Extent.ToString()
    if ($line.Length -gt $cursorPosition) { $line = $line.Substring(0, $cursorPosition) }
    $words = @($line -split '\s+' | Where-Object { $_ -ne '' })
    $program = $words[0]
    $rest = @()
    if ($words.Count -gt 1) { $rest = $words[1..($words.Count - 1)] }
    if ($wordToComplete -ne '' -and $rest.Count -gt 0) { $rest = @($rest | Select-Object -SkipLast 1) }
    $current = if ($wordToComplete -eq '') { '""' } else { $wordToComplete }
    $out = @(& $program __completeNoDesc @rest $current 2>$null)
    if ($out.Count -eq 0) { return }
    $directive = [int]($out[-1].TrimStart(':'))
    if (($directive -band 1) -ne 0 -or $out.Count -lt 2) { return }
    $out[0..($out.Count - 2)] | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}
)SCRIPT";

}  // namespace

CommandResult kubectlCompletion(KubectlContext&, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl completion");
    std::string error;
    if (!flags.parse(args, error))
        return CommandResult::failure(error);
    if (flags.on("help"))
        return {0, commandHelp(flags), ""};
    const std::string hint = "See 'kubectl completion -h' for help and examples\n";
    const std::vector<std::string>& shells = flags.args();
    if (shells.empty())
        return CommandResult::failure("error: Shell not specified.\n" + hint);
    if (shells.size() > 1)
        return CommandResult::failure("error: Too many arguments. Expected only the shell type.\n" + hint);
    static const std::map<std::string, const char*> scripts = {
        {"bash", kBashScript}, {"zsh", kZshScript}, {"fish", kFishScript}, {"powershell", kPowershellScript}};
    auto it = scripts.find(shells[0]);
    if (it == scripts.end())
        return CommandResult::failure("error: Unsupported shell type \"" + shells[0] + "\".\n" + hint);
    return {0, it->second, ""};
}

}  // namespace kp::cli
