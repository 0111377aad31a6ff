// kubectl --help pages and the bare `kubectl` command list: kubectl's layout, the Options block
// generated from the flags each command declares. Golden.
#include <catch2/catch.hpp>

#include "laptop.h"
#include "test_support.h"

using namespace kp;

TEST_CASE("kubectl help pages", "[kubectl][golden]") {
    test::Laptop laptop;
    const std::string out = laptop.transcript(R"(kubectl
kubectl get nodes --help
kubectl drain -h
kubectl cordon --help
kubectl uncordon --help
kubectl edit --help
kubectl replace --help
kubectl rollout --help
kubectl create deployment --help
kubectl version --help)");
    CHECK(test::matchesGolden("kubectl_help.txt", out));
}

TEST_CASE("every option of the described commands has a usage line", "[kubectl][help]") {
    test::Laptop laptop;
    for (const char* cmd : {"get", "drain", "cordon", "uncordon", "edit", "replace", "apply", "create", "delete",
                            "describe", "logs", "exec", "patch", "label", "annotate", "scale", "expose", "run",
                            "autoscale", "create deployment", "create service nodeport", "set image",
                            "rollout status", "rollout undo", "version"}) {
        INFO(cmd);
        const cli::CommandResult r = laptop.shell.run(std::string("kubectl ") + cmd + " --help");
        CHECK(r.exitCode == 0);
        CHECK(r.out.find("Options:\n") != std::string::npos);
        CHECK(r.out.find(":\n\t\n") == std::string::npos);
    }
}

// cobra's answer to a mistyped command, checked against kubectl 1.32: the commands within two
// edits or starting with what was typed, in kubectl's help-group order; no server is needed.
TEST_CASE("a mistyped kubectl command gets cobra's suggestions", "[kubectl][help]") {
    test::Laptop laptop;
    CHECK(laptop.transcript("kubectl lgos") ==
          "$ kubectl lgos\nError: unknown command \"lgos\" for \"kubectl\"\n\nDid you mean this?\n\tlogs\n\n[exit 1]\n");
    laptop.transcript("minikube start >/dev/null");
    CHECK(laptop.transcript("kubectl getx pods") ==
          "$ kubectl getx pods\nError: unknown command \"getx\" for \"kubectl\"\n\nDid you mean this?\n\tset\n\tget\n\n"
          "[exit 1]\n");
    CHECK(laptop.transcript("kubectl a") ==
          "$ kubectl a\nError: unknown command \"a\" for \"kubectl\"\n\nDid you mean this?\n\tautoscale\n\tattach\n\tcp\n"
          "\tauth\n\tapply\n\tannotate\n\tapi-versions\n\tapi-resources\n\n[exit 1]\n");
    CHECK(laptop.transcript("kubectl cp a b") == "$ kubectl cp a b\nerror: \"kubectl cp\" is not simulated by kubeplay\n[exit 1]\n");
    CHECK(laptop.transcript("kubectl xyzzy") == "$ kubectl xyzzy\nError: unknown command \"xyzzy\" for \"kubectl\"\n[exit 1]\n");
}
