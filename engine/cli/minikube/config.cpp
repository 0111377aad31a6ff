// `minikube config set|get|unset|view`: the global settings in ~/.minikube/config/config.json
// (cmd/minikube/cmd/config). `start` reads them when its flags are not given (memory, cpus,
// driver, kubernetes-version, container-runtime, ...).
#include <cctype>

#include "base/text.h"
#include "cli/minikube/commands.h"

namespace kp::cli::minikube {
namespace {

struct Setting {
    const char* name;
    const char* validation;  // "", "memory", "positive", "driver", "runtime"
    bool requiresRestart;
};

// The settings minikube v1.35.0 knows, in its order.
constexpr Setting kSettings[] = {
    {"driver", "driver", true},
    {"vm-driver", "driver", true},
    {"container-runtime", "runtime", true},
    {"feature-gates", "", true},
    {"v", "positive", false},
    {"cpus", "cpus", true},
    {"disk-size", "memory", true},
    {"host-only-cidr", "", false},
    {"memory", "memory", true},
    {"log_dir", "", false},
    {"kubernetes-version", "", false},
    {"iso-url", "", false},
    {"WantUpdateNotification", "", false},
    {"WantBetaUpdateNotification", "", false},
    {"ReminderWaitPeriodInHours", "", false},
    {"WantNoneDriverWarning", "", false},
    {"WantVirtualBoxDriverWarning", "", false},
    {"profile", "", false},
    {"bootstrapper", "", false},
    {"insecure-registry", "", false},
    {"hyperv-virtual-switch", "", false},
    {"disable-driver-mounts", "", false},
    {"cache", "", false},
    {"EmbedCerts", "", false},
    {"native-ssh", "", false},
    {"rootless", "", false},
    {"MaxAuditEntries", "", false},
};

const Setting* findSetting(const std::string& name) {
    for (const Setting& s : kSettings)
        if (name == s.name)
            return &s;
    return nullptr;
}

// go-units FromHumanSize: a decimal number with an optional k/m/g/t/p unit and optional b.
bool isHumanSize(const std::string& s) {
    size_t i = 0;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.'))
        ++i;
    if (i == 0)
        return false;
    if (i < s.size() && s[i] == ' ')
        ++i;
    if (i < s.size() && std::string("kKmMgGtTpP").find(s[i]) != std::string::npos)
        ++i;
    if (i < s.size() && (s[i] == 'i' || s[i] == 'I'))
        ++i;
    if (i < s.size() && (s[i] == 'b' || s[i] == 'B'))
        ++i;
    return i == s.size();
}

// The validation's error text, "" when the value is fine (cmd/minikube/cmd/config/validations.go).
std::string validate(const Setting& s, const std::string& name, const std::string& value) {
    const std::string kind = s.validation;
    if (kind == "memory" && value != "max" && value != "no-limit" && !isHumanSize(value))
        return std::string(name == "memory" ? "invalid memory size" : "invalid disk size") + ": invalid size: '" + value + "'";
    if ((kind == "positive" || (kind == "cpus" && value != "max" && value != "no-limit"))) {
        if (!allDigits(value))
            return name + ":strconv.Atoi: parsing \"" + value + "\": invalid syntax";
        if (std::stoi(value) <= 0)
            return name + " must be > 0";
    }
    if (kind == "driver") {
        static const char* const kDrivers[] = {"docker", "virtualbox", "podman", "kvm2", "qemu2", "vmware", "none", "ssh"};
        bool ok = false;
        for (const char* d : kDrivers)
            ok = ok || value == d;
        if (!ok)
            return "driver \"" + value + "\" is not supported";
    }
    if (kind == "runtime" && value != "docker" && value != "containerd" && value != "crio" && value != "cri-o")
        return "invalid runtime: unknown runtime type: \"" + value + "\"";
    return "";
}

int configSet(Invocation& inv) {
    Output& out = inv.out;
    const std::vector<std::string>& args = inv.flags.positional;
    if (args.size() < 2)
        return out.exitMessage(reason::usage(), "not enough arguments (" + std::to_string(args.size()) +
                                                    ").\nusage: minikube config set PROPERTY_NAME PROPERTY_VALUE");
    if (args.size() > 2)
        return out.exitMessage(reason::usage(), "too many arguments (" + std::to_string(args.size()) +
                                                    ").\nusage: minikube config set PROPERTY_NAME PROPERTY_VALUE");
    const std::string& name = args[0];
    const std::string& value = args[1];
    const Setting* s = findSetting(name);
    if (!s)
        return out.exitError(reason::kind("MK_CONFIG_SET", 10), "Set failed",
                             "find settings for \"" + name + "\" value of \"" + value + "\": property name \"" + name +
                                 "\" not found");
    if (std::string err = validate(*s, name, value); !err.empty())
        return out.exitError(reason::kind("MK_CONFIG_SET", 10), "Set failed",
                             "run validations for \"" + name + "\" with value of \"" + value + "\": [" + err + "]");
    inv.state().settings[name] = value;
    if (s->requiresRestart)
        out.warning("These changes will take effect upon a minikube delete and then a minikube start");
    return 0;
}

}  // namespace

int runConfig(Invocation& inv) {
    const std::string sub = inv.takeSubcommand();
    inv.commandPath += sub.empty() ? "" : " " + sub;
    int code = 0;
    if (sub == "set" || sub == "get" || sub == "unset") {
        if (!inv.parse({}, code))
            return code;
    } else if (sub == "view") {
        if (!inv.parse({{"format", 0, FlagType::String, "- {{.ConfigKey}}: {{.ConfigValue}}\n"}}, code))
            return code;
    }
    Output& out = inv.out;
    const std::vector<std::string>& args = inv.flags.positional;
    if (sub == "set")
        return configSet(inv);
    if (sub == "get") {
        if (args.empty()) {
            out.stderrText("Error: not enough arguments.\nusage: minikube config get PROPERTY_NAME\n");
            return reason::kExProgramUsage;
        }
        if (args.size() > 1) {
            out.stderrText("Error: too many arguments (" + std::to_string(args.size()) +
                           ")\nusage: minikube config get PROPERTY_NAME\n");
            return reason::kExProgramUsage;
        }
        auto it = inv.state().settings.find(args[0]);
        if (it == inv.state().settings.end()) {
            out.stderrText("Error: specified key could not be found in config\n");
            return reason::kExProgramUsage;
        }
        out.ln(it->second);
        return 0;
    }
    if (sub == "unset") {
        if (args.size() != 1)
            return out.exitMessage(reason::usage(), "usage: minikube config unset PROPERTY_NAME");
        inv.state().settings.erase(args[0]);
        return 0;
    }
    if (sub == "view") {
        // SIMPLIFICATION: minikube walks a Go map (random order); keys are printed sorted here.
        for (const auto& [k, v] : inv.state().settings)
            out.stdoutText("- " + k + ": " + v + "\n");
        return 0;
    }
    if (sub == "defaults") {
        inv.out.stderrText("minikube config defaults: not available in kubeplay\n");
        return 1;
    }
    return verbHelp(inv, "config");
}

}  // namespace kp::cli::minikube
