// Entry point of the browser module. The page drives the engine through the functions exported
// by engine_bridge.cpp; main() announces the engine in the browser console and starts the
// visualizer's frame loop on the canvas (the runtime stays alive after main() returns).
#include <cstdio>

#include "base/version.h"
#include "platform/platform.h"
#include "session.h"
#include "visualizer/visualizer.h"

namespace kp::web {

Visualizer& visualizer() {
    static Visualizer v(session(), [](const std::string& command) { platform::runInTerminal(command); });
    return v;
}

}  // namespace kp::web

int main() {
    std::printf("%s\n", kp::engineBanner().c_str());
    // `minikube dashboard` opens the page's dashboard view (the learner has no other browser).
    kp::web::session().laptop().onOpenBrowser = [](const std::string& url) {
        if (url.find("kubernetes-dashboard") != std::string::npos)
            kp::web::visualizer().showDashboard();
    };
    kp::web::platform::start({[] { kp::web::visualizer().initGraphics(); },
                              [](double now) { return kp::web::visualizer().update(now); },
                              [](double now) { kp::web::visualizer().frame(now); }});
    return 0;
}
