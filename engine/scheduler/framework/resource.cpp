#include "scheduler/framework/resource.h"

#include <algorithm>

#include "api/quantity.h"

namespace kp::scheduler::framework {

void Resource::add(const Resource& r) {
    milliCPU += r.milliCPU;
    memory += r.memory;
    ephemeralStorage += r.ephemeralStorage;
    allowedPodNumber += r.allowedPodNumber;
    for (const auto& [name, v] : r.scalar)
        scalar[name] += v;
}

void Resource::sub(const Resource& r) {
    milliCPU -= r.milliCPU;
    memory -= r.memory;
    ephemeralStorage -= r.ephemeralStorage;
    allowedPodNumber -= r.allowedPodNumber;
    for (const auto& [name, v] : r.scalar)
        scalar[name] -= v;
}

bool Resource::isZero() const {
    if (milliCPU != 0 || memory != 0 || ephemeralStorage != 0)
        return false;
    for (const auto& [name, v] : scalar)
        if (v != 0)
            return false;
    return true;
}

int64_t Resource::scalarValue(const std::string& name) const {
    auto it = scalar.find(name);
    return it == scalar.end() ? 0 : it->second;
}

bool isScalarResourceName(const std::string& name) {
    if (name.rfind("hugepages-", 0) == 0 || name.rfind("attachable-volumes-", 0) == 0)
        return true;
    return name.find('/') != std::string::npos;
}

namespace {

int64_t quantityValue(const Json& v, bool milli) {
    std::string error;
    auto q = resource::Quantity::fromJson(v, &error);
    if (!q)
        return 0;
    return milli ? q->milliValue() : q->value();
}

// One container's requests, with the scheduler's defaults filled in for missing cpu/memory.
Resource containerRequests(const Json& container, bool nonZeroDefaults) {
    Resource r;
    bool hasCPU = false, hasMemory = false;
    if (const Json* req = findPath(container, "resources.requests"); req && req->is_object()) {
        for (auto it = req->begin(); it != req->end(); ++it) {
            const std::string& name = it.key();
            if (name == "cpu") {
                r.milliCPU = quantityValue(it.value(), true);
                hasCPU = true;
            } else if (name == "memory") {
                r.memory = quantityValue(it.value(), false);
                hasMemory = true;
            } else if (name == "ephemeral-storage") {
                r.ephemeralStorage = quantityValue(it.value(), false);
            } else if (isScalarResourceName(name)) {
                r.scalar[name] = quantityValue(it.value(), false);
            }
        }
    }
    if (nonZeroDefaults) {
        if (!hasCPU)
            r.milliCPU = kDefaultMilliCPURequest;
        if (!hasMemory)
            r.memory = kDefaultMemoryRequest;
    }
    return r;
}

void maxInto(Resource& into, const Resource& r) {
    into.milliCPU = std::max(into.milliCPU, r.milliCPU);
    into.memory = std::max(into.memory, r.memory);
    into.ephemeralStorage = std::max(into.ephemeralStorage, r.ephemeralStorage);
    for (const auto& [name, v] : r.scalar)
        into.scalar[name] = std::max(into.scalarValue(name), v);
}

}  // namespace

Resource resourceFromList(const Json& list) {
    Resource r;
    if (!list.is_object())
        return r;
    for (auto it = list.begin(); it != list.end(); ++it) {
        const std::string& name = it.key();
        if (name == "cpu")
            r.milliCPU = quantityValue(it.value(), true);
        else if (name == "memory")
            r.memory = quantityValue(it.value(), false);
        else if (name == "ephemeral-storage")
            r.ephemeralStorage = quantityValue(it.value(), false);
        else if (name == "pods")
            r.allowedPodNumber = quantityValue(it.value(), false);
        else if (isScalarResourceName(name))
            r.scalar[name] = quantityValue(it.value(), false);
    }
    return r;
}

Resource podRequests(const Json& podSpec, bool nonZeroDefaults) {
    // Upstream: component-helpers/resource/helpers.go#PodRequests.
    // SIMPLIFICATION: values are summed as int64 after rounding each container up to a millicore /
    // byte, where upstream sums Quantities first; they differ only for sub-millicore requests.
    Resource reqs;
    if (const Json* cs = findPath(podSpec, "containers"); cs && cs->is_array())
        for (const Json& c : *cs)
            reqs.add(containerRequests(c, nonZeroDefaults));
    Resource restartable;  // sidecars started so far
    Resource initMax;
    if (const Json* ics = findPath(podSpec, "initContainers"); ics && ics->is_array()) {
        for (const Json& c : *ics) {
            Resource r = containerRequests(c, nonZeroDefaults);
            if (stringAt(c, "restartPolicy") == "Always") {
                reqs.add(r);
                restartable.add(r);
                r = restartable;
            } else {
                r.add(restartable);
            }
            maxInto(initMax, r);
        }
    }
    maxInto(reqs, initMax);
    if (const Json* overhead = findPath(podSpec, "overhead"); overhead && overhead->is_object()) {
        Resource o = resourceFromList(*overhead);
        o.allowedPodNumber = 0;
        reqs.add(o);
    }
    return reqs;
}

}  // namespace kp::scheduler::framework
