#include "cli/kubectl/get_watch.h"

#include "api/codec/json_encode.h"
#include "api/codec/yaml_encode.h"
#include "api/jsonpath.h"
#include "apiserver/printers/table.h"
#include "cli/tabwriter.h"

namespace kp::cli {
namespace {

class GetWatch : public ForegroundProcess {
public:
    GetWatch(Cluster& cluster, GetWatchSpec spec) : cluster_(cluster), spec_(std::move(spec)) {
        if (spec_.requestTimeout.ms > 0)
            deadline_ = cluster_.now() + spec_.requestTimeout;
    }
    ~GetWatch() override { end(); }

    // Prints what the list returned, then starts watching after it.
    void begin() {
        if (!spec_.watchOnly) {
            std::vector<const Json*> objects;
            for (const Json& obj : spec_.initial)
                objects.push_back(&obj);
            print(objects, "ADDED");
        }
        WatchOptions opts;
        opts.resourceVersion = spec_.resourceVersion;
        opts.labelSelector = spec_.labelSelector;
        opts.fieldSelector = spec_.fieldSelector;
        if (!spec_.name.empty())
            opts.fieldSelector = "metadata.name=" + spec_.name;
        stream_ = cluster_.apiServer().watch(*spec_.resource, spec_.ns, opts);
        observer_ = cluster_.observe([this] { onSettled(); });
    }

    std::string takeOutput() override { return std::exchange(out_, ""); }
    bool finished() const override { return ended_; }
    std::optional<Time> deadline() const override { return deadline_; }
    std::string interrupt() override {
        end();
        return "";
    }

private:
    // After every instant: the watch's new events, printed as they arrive (AGE is "now").
    void onSettled() {
        if (ended_)
            return;
        // The watch request times out (the server closes it) or the apiserver goes away: kubectl
        // then returns without a word.
        if ((deadline_ && cluster_.now() >= *deadline_) || !cluster_.apiserverReachable()) {
            end();
            return;
        }
        for (const Json& event : stream_.next()) {
            const std::string type = event.value("type", "");
            if (type == "BOOKMARK")
                continue;
            if (type == "ERROR") {
                out_ += "error: " + event["object"].value("message", std::string("watch failed")) + "\n";
                end();
                return;
            }
            Json object = event["object"];
            if (object.contains("metadata"))
                object["metadata"].erase("managedFields");
            print({&object}, type);
        }
    }

    // One PrintObj call followed by a tabwriter flush.
    void print(const std::vector<const Json*>& objects, const std::string& eventType) {
        if (objects.empty())
            return;
        const std::string& format = spec_.output;
        if (format.empty() || format == "wide") {
            HumanOptions o = spec_.human;
            o.wide = format == "wide";
            o.noHeaders = o.noHeaders || printedHeaders_;
            o.eventType = spec_.outputWatchEvents ? eventType : "";
            const Json table = printers::toTable(*spec_.resource, objects, cluster_.now());
            std::vector<const Json*> rows;
            for (const Json& row : table["rows"])
                rows.push_back(&row);
            out_ += printRows(table["columnDefinitions"], rows, o);
            printedHeaders_ = true;
            return;
        }
        for (const Json* obj : objects) {
            Json doc = *obj;
            if (spec_.outputWatchEvents)
                doc = Json{{"type", eventType}, {"object", std::move(doc)}};
            if (format == "name") {
                out_ += resourceName(*spec_.resource, stringAt(*obj, "metadata.name")) + "\n";
            } else if (format == "yaml") {
                if (printed_++ > 0)
                    out_ += "---\n";
                out_ += codec::toYamlText(doc);
            } else if (format == "json") {
                out_ += codec::printJson(doc);
            } else if (format == "template") {
                // A failing template ends the watch, as kubectl returns the error.
                // SIMPLIFICATION: a process has one output stream, so the error text joins stdout.
                std::string error = spec_.templatePrinter->print(doc, out_);
                spec_.templatePrinter->skipHeaders();  // custom columns: a header for the first object only
                if (!error.empty()) {
                    out_ += error;
                    end();
                    return;
                }
            } else {
                out_ += api::evalJsonPathTemplate(spec_.jsonPath, doc, spec_.jsonPathOutput).text;
            }
        }
    }

    void end() {
        if (ended_)
            return;
        ended_ = true;
        if (observer_)
            cluster_.unobserve(observer_);
        observer_ = 0;
        stream_.stop();
    }

    Cluster& cluster_;
    GetWatchSpec spec_;
    std::optional<Time> deadline_;
    WatchStream stream_;
    Cluster::ObserverId observer_ = 0;
    std::string out_;
    bool printedHeaders_ = false;
    int printed_ = 0;
    bool ended_ = false;
};

}  // namespace

CommandResult startGetWatch(KubectlContext& ctx, GetWatchSpec spec) {
    auto watch = std::make_shared<GetWatch>(ctx.cluster, std::move(spec));
    watch->begin();
    CommandResult res;
    res.out = watch->takeOutput();
    res.foreground = watch;
    return res;
}

}  // namespace kp::cli
