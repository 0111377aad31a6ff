#include "visualizer/strings.h"

#include <cstring>

namespace kp::web {
namespace {

struct Entry {
    const char* en;
    const char* zh;
};

// Keep in step with the calls of tr()/trId(); web/fonts/subset_fonts.py cuts the CJK font to the
// characters of this file.
constexpr Entry kStrings[] = {
    {"Cluster", "集群"},
    {"Inspector", "检查器"},
    {"Timeline", "时间线"},
    {"Map", "地图"},
    {"Dashboard", "仪表板"},
    {"inspector", "检查器"},
    {"timeline", "时间线"},
    {"fit", "适应窗口"},
    {"filter", "筛选"},
    {"warnings only", "只看警告"},
    {"Events", "事件"},
    {"API writes", "API 写入"},
    {"Scheduling", "调度"},
    {"Traffic", "流量"},
    {"live", "实时"},
    {"back to live", "回到实时"},
    {"Viewing the cluster at %s; live is at %s.", "正在查看 %s 时的集群；实时时间是 %s。"},
    {"(the terminal works on the live cluster)", "（终端仍操作实时集群）"},
    {"Replaying to %s (at %s)...", "正在重放到 %s（已到 %s）……"},
    {"Click a pod, a node, a Service or a component on the map to see what it is and why it is in that state.",
     "点击地图上的 Pod、节点、Service 或组件，查看它是什么、为什么处于这个状态。"},
    {"Running", "运行中"},
    {"Pending / creating", "等待 / 创建中"},
    {"Error / back-off", "出错 / 退避"},
    {"Terminating", "终止中"},
    {"Completed", "已完成"},
    {"Service", "Service"},
    {"Ingress", "Ingress"},
    {"traffic", "流量"},
    {"Drag back to see the cluster as it was then", "向左拖动，查看集群当时的样子"},
    {"This cluster is too big to replay within the page's memory", "这个集群太大，页面的内存不够重放它"},
    {"Back to the previous moment something happened", "回到上一个发生变化的时刻"},
    {"Step forward to the next moment something happened", "前进到下一个发生变化的时刻"},
    {"Workloads", "工作负载"},
    {"Pods", "Pod"},
    {"Services", "Service"},
    {"Nodes", "节点"},
    // The inspector (words as the Kubernetes zh documentation uses them: 状况 for conditions,
    // 属主 for owners, 名字空间 for namespaces, 规约 for spec).
    {"Why", "原因"},
    {"Changed by", "修改者"},
    {"Conditions", "状况"},
    {"Spec / Status", "规约 / 状态"},
    {"spec (wanted)", "spec（期望）"},
    {"status (observed)", "status（实际）"},
    {"YAML", "YAML"},
    {"owned by", "属主"},
    {"in %s", "名字空间 %s"},
    {"running", "运行中"},
    {"stopped", "已停止"},
    {"clear", "清除"},
    {"%s %s no longer exists.", "%s %s 已不存在。"},
    {"Scheduling attempt %d: ", "第 %d 次调度尝试："},
    {"Rejected before any node by %s", "还未检查节点就被 %s 拒绝"},
    {"Preemption: %s", "抢占：%s"},
    {"node", "节点"},
    {"verdict", "结论"},
    {" (chosen)", "（选中）"},
    {"passed", "通过"},
    {"score %lld", "得分 %lld"},
    {"feasible", "可行"},
    {"Nothing to explain for a %s yet: see its conditions and events.", "%s 暂时没有可解释的内容：请看它的状况和事件。"},
    {"type", "类型"},
    {"status", "状态"},
    {"reason / message", "原因 / 消息"},
    {"No events.", "没有事件。"},
    {"Runs in the terminal:", "在终端中运行："},
    {"describe", "描述"},
    {"logs", "日志"},
    {"delete (kill) pod", "删除（杀死）Pod"},
    {"crash container", "让容器崩溃"},
    {"cordon", "封锁"},
    {"uncordon", "解除封锁"},
    {"drain", "腾空"},
    {"stop node", "停止节点"},
    {"start node", "启动节点"},
    {"endpoint slices", "EndpointSlice"},
    {"rollout status", "上线状态"},
    {"scale to 1", "扩缩到 1"},
    {"scale to 3", "扩缩到 3"},
    {"restart", "重启"},
    {"stop", "停止"},
    {"start", "启动"},
    // The timeline's and the dashboard's columns.
    {"time", "时间"},
    {"reason", "原因"},
    {"object", "对象"},
    {"message", "消息"},
    {"who", "执行者"},
    {"verb", "动作"},
    {"detail", "详情"},
    {"rv / detail", "rv / 详情"},
    {"name", "名称"},
    {"kind", "类别"},
    {"namespace", "名字空间"},
    {"pods ready", "就绪 Pod"},
    {"ready", "就绪"},
    {"restarts", "重启次数"},
    {"cluster IP / ports", "集群 IP / 端口"},
    {"endpoints ready", "就绪端点"},
    {"roles", "角色"},
    {"internal IP", "内部 IP"},
    {"pods", "Pod"},
    // The map.
    {"you, in the terminal", "你，在终端里"},
    {"unscheduled", "未调度"},
    {" wait for a node", " 等待节点"},
    {"stopped: ", "已停止："},
    {"progressing", "进行中"},
    {"failing", "出错"},
    {"terminating", "终止中"},
    {"completed", "已完成"},
    {"ready %s   restarts %lld", "就绪 %s   重启 %lld"},
    {"%zu pods", "%zu 个 Pod"},
    {"Drag to pan, wheel to zoom, click a card or a pod to inspect it, double-click empty space to fit.",
     "拖动平移，滚轮缩放，点击卡片或 Pod 查看详情，双击空白处适应窗口。"},
    // The components (map cards and the inspector; componentDetail(), Inspector's componentRole).
    // Terms as the Kubernetes zh documentation has them: API 服务器, 调度器, 控制器, 端点, 插件.
    {"not deployed", "未部署"},
    {"serving", "服务中"},
    {"%s pods ready", "%s 个 Pod 就绪"},
    {"machine %s", "机器 %s"},
    {"The front door: every kubectl command and every component reads and writes objects through it.",
     "集群的大门：每条 kubectl 命令、每个组件都通过它读写对象。"},
    {"The database behind the apiserver: each write gets the next resourceVersion.",
     "API 服务器背后的数据库：每次写入都得到下一个 resourceVersion。"},
    {"Picks a node for each pod without one: filter plugins rule nodes out, score plugins rank the rest.",
     "为每个还没有节点的 Pod 选择节点：过滤插件排除节点，打分插件为其余节点排序。"},
    {"Runs the controllers (Deployment, ReplicaSet, EndpointSlice, node lifecycle...) that make the cluster match what you asked for.",
     "运行各个控制器（Deployment、ReplicaSet、EndpointSlice、节点生命周期……），让集群符合你所要求的状态。"},
    {"The cluster's DNS: <service>.<namespace>.svc.cluster.local names resolve to Service IPs.",
     "集群的 DNS：<service>.<namespace>.svc.cluster.local 形式的名字解析为 Service 的 IP。"},
    {"Programs each node so that a Service's IP reaches one of its ready endpoint pods.",
     "配置每个节点，使发往 Service IP 的流量到达它的某个就绪端点 Pod。"},
    {"A machine of the cluster: its kubelet runs the pods bound to it and reports their status, kube-proxy routes Service traffic on it.",
     "集群中的一台机器：其上的 kubelet 运行绑定到它的 Pod 并报告其状态，kube-proxy 在其上转发 Service 流量。"},
};

bool chinese = false;

}  // namespace

void setLanguage(const std::string& language) { chinese = language == "zh"; }

bool chineseUi() { return chinese; }

const char* tr(const char* english) {
    if (!chinese)
        return english;
    for (const Entry& e : kStrings)
        if (std::strcmp(e.en, english) == 0)
            return e.zh;
    return english;
}

std::string componentDetail(const std::string& detail) {
    const std::string suffix = " pods ready";
    if (detail.size() > suffix.size() && detail.ends_with(suffix)) {
        const std::string counts = detail.substr(0, detail.size() - suffix.size());
        if (!chinese)
            return detail;
        std::string out = tr("%s pods ready");
        return out.replace(out.find("%s"), 2, counts);
    }
    const std::string machine = "machine ";  // the minikube machine's state: "machine Stopped"
    if (chinese && detail.starts_with(machine)) {
        std::string out = tr("machine %s");
        return out.replace(out.find("%s"), 2, detail.substr(machine.size()));
    }
    return tr(detail.c_str());
}

std::string trId(const char* english) { return std::string(tr(english)) + "###" + english; }

std::string chineseGlyphs() {
    std::string all;
    for (const Entry& e : kStrings)
        all += e.zh;
    return all;
}

}  // namespace kp::web
