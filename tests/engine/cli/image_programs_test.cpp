// A container runs only what its image holds: busybox and Alpine images have sh but no bash, so
// `kubectl exec -it POD -- bash` fails with the runtime's text (exit 126) and a pod whose command
// is bash cannot start; Debian-based images (nginx, the bootcamp app) have bash.
#include <catch2/catch.hpp>

#include "laptop.h"

using namespace kp;

TEST_CASE("bash exists only in images that have it", "[kubectl][exec]") {
    test::Laptop laptop;
    REQUIRE(laptop.shell.run("minikube start").exitCode == 0);
    laptop.shell.run("kubectl run bb --image=busybox:1.37 -- sleep 3600");
    laptop.shell.run("kubectl run web --image=nginx");
    laptop.shell.run("kubectl run small --image=nginx:alpine");
    laptop.shell.run("kubectl run needs-bash --image=busybox:1.37 -- bash -c 'sleep 1'");
    REQUIRE(laptop.shell.run("kubectl wait --for=condition=Ready pod/bb pod/web pod/small").exitCode == 0);

    const std::string notFound = "OCI runtime exec failed: exec failed: unable to start container process: exec: "
                                 "\"bash\": executable file not found in $PATH: unknown\n"
                                 "command terminated with exit code 126\n";
    cli::CommandResult bb = laptop.shell.run("kubectl exec -it bb -- bash");
    CHECK(bb.exitCode == 126);
    CHECK(bb.err == notFound);
    CHECK_FALSE(laptop.shell.attached());
    CHECK(laptop.shell.run("kubectl exec small -- bash -c 'echo hi'").err == notFound);
    CHECK(laptop.shell.run("kubectl exec small -- sh -c 'echo hi'").out == "hi\n");
    CHECK(laptop.shell.run("kubectl exec web -- bash -c 'echo hi'").out == "hi\n");

    laptop.shell.run("sleep 5");
    const std::string status = laptop.shell.run("kubectl get pod needs-bash --no-headers").out;
    CHECK(status.find("RunContainerError") != std::string::npos);
    CHECK(laptop.shell.run("kubectl describe pod needs-bash").out.find(
              "exec: \"bash\": executable file not found in $PATH") != std::string::npos);
}
