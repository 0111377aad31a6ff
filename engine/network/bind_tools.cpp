#include "network/bind_tools.h"

#include <cctype>
#include <set>

#include "base/text.h"
#include "network/dns.h"
#include "network/traffic.h"
#include "runtime/clock_text.h"

namespace kp::network {
namespace {

std::string withDot(const std::string& name) { return name.empty() || name.back() == '.' ? name : name + "."; }

std::string rcodeText(Rcode r) {
    return r == Rcode::NoError ? "NOERROR" : r == Rcode::NXDomain ? "NXDOMAIN" : "SERVFAIL";
}

// An SRV record's data with its target fully qualified: "0 100 80 web.default.svc.cluster.local.".
std::string srvData(const std::string& data) { return withDot(data); }

std::string targetOf(const DnsRecord& rec) {
    if (rec.type == "CNAME")
        return rec.data;
    if (rec.type == "SRV")
        return rec.data.substr(rec.data.rfind(' ') + 1);
    return "";
}

std::vector<std::string> labelsOf(std::string name) {
    if (!name.empty() && name.back() == '.')
        name.pop_back();
    std::vector<std::string> labels;
    size_t start = 0;
    while (!name.empty() && start <= name.size()) {
        const size_t dot = name.find('.', start);
        labels.push_back(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    return labels;
}

// Bytes to write `name` when the names in `written` were written before (their suffixes can be
// pointed to); adds the new suffixes.
size_t nameBytes(const std::string& name, std::set<std::string>& written) {
    std::vector<std::string> labels = labelsOf(name);
    size_t bytes = 0;
    for (size_t i = 0; i < labels.size(); ++i) {
        std::string suffix;
        for (size_t k = i; k < labels.size(); ++k)
            suffix += labels[k] + ".";
        if (written.count(suffix))
            return bytes + 2;
        written.insert(suffix);
        bytes += labels[i].size() + 1;
    }
    return bytes + 1;
}

// A line in BIND's master-file style as dig prints it: each field starts at its column (owner 0,
// TTL 24, class 32, type 40, data 48), reached with tabs, or after one space when the text before
// it is already past the column.
std::string masterLine(const std::vector<std::pair<size_t, std::string>>& fields) {
    std::string line;
    size_t col = 0;  // display column, tabs every 8
    for (const auto& [column, text] : fields) {
        if (col > 0 || column > 0) {
            if (col >= column) {
                line += ' ';
                ++col;
            } else {
                while (col < column) {
                    line += '\t';
                    col = (col / 8 + 1) * 8;
                }
            }
        }
        line += text;
        col += text.size();
    }
    return line + "\n";
}

// The SOA CoreDNS's kubernetes plugin puts in the authority section of a negative answer.
WireRecord clusterSoa() { return {std::string(kClusterDomain), "SOA", std::string("ns.dns.") + kClusterDomain, std::string("hostmaster.") + kClusterDomain}; }

}  // namespace

size_t dnsMessageSize(const std::string& question, const std::vector<WireRecord>& records) {
    std::set<std::string> written;
    size_t size = 12 + nameBytes(question, written) + 4;
    for (const WireRecord& r : records) {
        if (r.type == "OPT") {
            size += 11;
            continue;
        }
        size += nameBytes(r.name, written) + 10;
        if (r.type == "A")
            size += 4;
        else if (r.type == "CNAME")
            size += nameBytes(r.targetName, written);
        else if (r.type == "SRV")
            size += 6 + nameBytes(r.targetName, written);
        else if (r.type == "SOA")
            size += nameBytes(r.targetName, written) + nameBytes(r.secondName, written) + 20;
    }
    return size;
}

int bindNslookup(const ObjectStore& store, Traffic& traffic, const Origin& origin, const std::vector<std::string>& argv,
                 Time now, std::string& out, std::string& err) {
    (void)err;
    std::string type = "A";
    std::vector<std::string> operands;
    for (size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.rfind("-type=", 0) == 0 || a.rfind("-query=", 0) == 0 || a.rfind("-q=", 0) == 0 || a.rfind("-t=", 0) == 0)
            type = asciiUpper(a.substr(a.find('=') + 1));
        else if (!a.empty() && a[0] == '-')
            continue;  // -debug, -timeout=N...: they do not change what is printed here
        else
            operands.push_back(a);
    }
    if (operands.empty()) {
        // SIMPLIFICATION: interactive nslookup (no operand) is not simulated; with no input on
        // its standard input it ends at once, as the real one does at EOF.
        return 0;
    }
    const std::string& name = operands[0];
    traffic.recordLookup(origin, name, now);
    out += std::string("Server:\t\t") + kClusterDnsIP + "\nAddress:\t" + kClusterDnsIP + "#53\n\n";
    Resolution r = resolve(store, name, type, clusterFirstSearch(origin.dnsNamespace));
    if (r.answer.rcode != Rcode::NoError || r.answer.records.empty()) {
        if (r.answer.rcode == Rcode::NoError) {
            out += "*** Can't find " + name + ": No answer\n\n";
            return 0;
        }
        out += "** server can't find " + name + ": " + rcodeText(r.answer.rcode) + "\n\n";
        return 1;
    }
    for (const DnsRecord& rec : r.answer.records) {
        if (rec.type == "A")
            out += "Name:\t" + rec.name + "\nAddress: " + rec.data + "\n";
        else if (rec.type == "CNAME")
            out += rec.name + "\tcanonical name = " + withDot(rec.data) + "\n";
        else if (rec.type == "SRV")
            out += rec.name + "\tservice = " + srvData(rec.data) + "\n";
    }
    out += "\n";
    return 0;
}

int dig(const ObjectStore& store, Traffic& traffic, const Origin& origin, const std::vector<std::string>& argv, Time now,
        std::string& out, std::string& err) {
    (void)err;
    std::string name, type = "A";
    bool shortForm = false, search = false;
    for (size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        const std::string u = asciiUpper(a);
        if (a == "+short")
            shortForm = true;
        else if (a == "+noshort")
            shortForm = false;
        else if (a == "+search")
            search = true;
        else if (a == "+nosearch")
            search = false;
        else if (a == "-t" && i + 1 < argv.size())
            type = asciiUpper(argv[++i]);
        else if (!a.empty() && (a[0] == '+' || a[0] == '@' || a[0] == '-'))
            continue;  // SIMPLIFICATION: other options do not change the answer printed here
        else if (u == "A" || u == "SRV" || u == "CNAME" || u == "AAAA" || u == "ANY")
            type = u;
        else
            name = a;
    }
    if (name.empty())
        name = ".";  // dig with no name asks for the root's NS records
    traffic.recordLookup(origin, name, now);
    Resolution r = search ? resolve(store, name, type, clusterFirstSearch(origin.dnsNamespace))
                          : Resolution{name, lookup(store, name, type == "AAAA" ? "NONE" : type)};
    if (name == ".")
        r.answer.rcode = Rcode::ServFail;
    const std::string qname = withDot(search ? r.fqdn : name);
    std::vector<DnsRecord> records = type == "AAAA" ? std::vector<DnsRecord>{} : r.answer.records;
    if (shortForm) {
        for (const DnsRecord& rec : records)
            out += (rec.type == "A" ? rec.data : rec.type == "SRV" ? srvData(rec.data) : withDot(rec.data)) + "\n";
        return 0;
    }
    const std::string version = "9.9.5-9+deb8u19-Debian";
    std::string cmdline;
    for (size_t i = 1; i < argv.size(); ++i)
        cmdline += " " + argv[i];
    // SIMPLIFICATION: the query id is fixed (dig picks a random one), and CoreDNS answers every
    // query at once ("Query time: 0 msec").
    out += "\n; <<>> DiG " + version + " <<>>" + cmdline + "\n;; global options: +cmd\n;; Got answer:\n";
    out += ";; ->>HEADER<<- opcode: QUERY, status: " + rcodeText(r.answer.rcode) + ", id: 51380\n";
    const bool inZone = r.answer.rcode != Rcode::ServFail && qname.size() > std::string(kClusterDomain).size() + 1 &&
                        qname.compare(qname.size() - std::string(kClusterDomain).size() - 1,
                                      std::string(kClusterDomain).size() + 1, std::string(kClusterDomain) + ".") == 0;
    std::vector<WireRecord> wire;
    std::vector<DnsRecord> additional;
    for (const DnsRecord& rec : records) {
        wire.push_back({rec.name, rec.type, targetOf(rec), ""});
        if (rec.type == "SRV") {
            // The kubernetes plugin adds the targets' addresses to the additional section.
            DnsAnswer target = lookup(store, targetOf(rec), "A");
            for (const DnsRecord& a : target.records)
                additional.push_back(a);
        }
    }
    const bool negative = records.empty() && inZone;
    if (negative)
        wire.push_back(clusterSoa());
    for (const DnsRecord& a : additional)
        wire.push_back({a.name, "A", "", ""});
    wire.push_back({"", "OPT", "", ""});
    // CoreDNS answers its own zone authoritatively without recursion; the forward plugin passes
    // the upstream's answer on, recursion available.
    // SIMPLIFICATION: the upstream's authority section (the root zone's SOA) is not shown.
    const bool forwarded = !inZone && r.answer.rcode != Rcode::ServFail;
    out += std::string(";; flags: qr ") + (inZone ? "aa " : "") + "rd" + (forwarded ? " ra" : "") +
           "; QUERY: 1, ANSWER: " + std::to_string(records.size()) + ", AUTHORITY: " + (negative ? "1" : "0") +
           ", ADDITIONAL: " + std::to_string(additional.size() + 1) + "\n";
    out += forwarded ? "\n" : ";; WARNING: recursion requested but not available\n\n";
    out += ";; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 4096\n";
    out += ";; QUESTION SECTION:\n" + masterLine({{0, ";" + qname}, {32, "IN"}, {40, type}});
    auto row = [](const std::string& owner, int ttl, const std::string& rtype, const std::string& data) {
        return masterLine({{0, withDot(owner)}, {24, std::to_string(ttl)}, {32, "IN"}, {40, rtype}, {48, data}});
    };
    if (!records.empty()) {
        out += "\n;; ANSWER SECTION:\n";
        for (const DnsRecord& rec : records)
            out += row(rec.name, rec.ttl, rec.type,
                       rec.type == "A" ? rec.data : rec.type == "SRV" ? srvData(rec.data) : withDot(rec.data));
    }
    if (negative) {
        // SIMPLIFICATION: the serial is the virtual time in seconds; CoreDNS uses the time of
        // the last change it saw from the API.
        out += "\n;; AUTHORITY SECTION:\n" +
               row(kClusterDomain, 30, "SOA",
                   std::string("ns.dns.") + kClusterDomain + ". hostmaster." + kClusterDomain + ". " +
                       std::to_string(now.ms / 1000) + " 7200 1800 86400 30");
    }
    if (!additional.empty()) {
        out += "\n;; ADDITIONAL SECTION:\n";
        for (const DnsRecord& a : additional)
            out += row(a.name, a.ttl, "A", a.data);
    }
    out += "\n;; Query time: 0 msec\n;; SERVER: " + std::string(kClusterDnsIP) + "#53(" + kClusterDnsIP + ")\n";
    out += ";; WHEN: " + runtime::formatTime(now, "%a %b %d %H:%M:%S UTC %Y") + "\n";
    out += ";; MSG SIZE  rcvd: " + std::to_string(dnsMessageSize(qname, wire)) + "\n\n";
    return 0;
}

}  // namespace kp::network
