// Smaller groups: poddisruptionbudgets (policy), rolebindings and clusterrolebindings (rbac),
// leases (coordination). Roles and ClusterRoles have no printer upstream: they get the default
// Name / Created At table.
#include "apiserver/printers/printer.h"

namespace kp::printers {
namespace {

// IntOrString.String(): the number or the string; "N/A" when unset.
std::string intOrString(const Json& obj, std::string_view path) {
    const Json* v = findPath(obj, path);
    if (!v || v->is_null())
        return "N/A";
    if (v->is_number_integer())
        return std::to_string(v->get<int64_t>());
    return v->is_string() ? v->get<std::string>() : "N/A";
}

void podDisruptionBudgetRow(const Json& pdb, const PrintContext& ctx, Row& row) {
    row.cells = {stringAt(pdb, "metadata.name"), intOrString(pdb, "spec.minAvailable"),
                 intOrString(pdb, "spec.maxUnavailable"), intCell(pdb, "status.disruptionsAllowed"), age(pdb, ctx.now)};
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

// Wide USERS, GROUPS, SERVICEACCOUNTS ("namespace/name").
// Upstream: pkg/apis/rbac#SubjectsStrings
void appendSubjects(const Json& binding, Row& row) {
    std::vector<std::string> users, groups, serviceAccounts;
    if (const Json* subjects = arrayAt(binding, "subjects")) {
        for (const Json& s : *subjects) {
            const std::string kind = stringAt(s, "kind");
            if (kind == "ServiceAccount")
                serviceAccounts.push_back(stringAt(s, "namespace") + "/" + stringAt(s, "name"));
            else if (kind == "User")
                users.push_back(stringAt(s, "name"));
            else if (kind == "Group")
                groups.push_back(stringAt(s, "name"));
        }
    }
    row.cells.insert(row.cells.end(), {join(users), join(groups), join(serviceAccounts)});
}

void roleBindingRow(const Json& rb, const PrintContext& ctx, Row& row) {
    row.cells = {stringAt(rb, "metadata.name"), stringAt(rb, "roleRef.kind") + "/" + stringAt(rb, "roleRef.name"),
                 age(rb, ctx.now)};
    if (ctx.wide)
        appendSubjects(rb, row);
}

void leaseRow(const Json& lease, const PrintContext& ctx, Row& row) {
    row.cells = {stringAt(lease, "metadata.name"), stringAt(lease, "spec.holderIdentity"), age(lease, ctx.now)};
}

std::vector<Column> bindingColumns(const char* what) {
    return {
        nameColumn(),
        column("Role", "string", fieldDoc("rbac/v1.RoleBinding", "roleRef")),
        ageColumn(),
        column("Users", "string", std::string("Users in the ") + what + ".", 1),
        column("Groups", "string", std::string("Groups in the ") + what + ".", 1),
        column("ServiceAccounts", "string", std::string("Service accounts in the ") + what + ".", 1),
    };
}

}  // namespace

void addPolicyRbacCoordinationPrinters(PrinterMap& m) {
    m["poddisruptionbudgets.policy"] = Printer{
        {
            nameColumn(),
            column("Min Available", "string", fieldDoc("policy/v1.PodDisruptionBudgetSpec", "minAvailable")),
            column("Max Unavailable", "string", fieldDoc("policy/v1.PodDisruptionBudgetSpec", "maxUnavailable")),
            column("Allowed Disruptions", "integer",
                   fieldDoc("policy/v1.PodDisruptionBudgetStatus", "disruptionsAllowed")),
            ageColumn(),
        },
        podDisruptionBudgetRow,
    };
    m["rolebindings.rbac.authorization.k8s.io"] = Printer{bindingColumns("role binding"), roleBindingRow};
    m["clusterrolebindings.rbac.authorization.k8s.io"] =
        Printer{bindingColumns("cluster role binding"), roleBindingRow};
    m["leases.coordination.k8s.io"] = Printer{
        {nameColumn(), column("Holder", "string", fieldDoc("coordination/v1.LeaseSpec", "holderIdentity")),
         ageColumn()},
        leaseRow,
    };
}

}  // namespace kp::printers
