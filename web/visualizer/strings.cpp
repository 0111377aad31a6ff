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
    {"Back to the previous moment something happened", "回到上一个发生变化的时刻"},
    {"Step forward to the next moment something happened", "前进到下一个发生变化的时刻"},
    {"Workloads", "工作负载"},
    {"Pods", "Pod"},
    {"Services", "Service"},
    {"Nodes", "节点"},
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

std::string trId(const char* english) { return std::string(tr(english)) + "###" + english; }

std::string chineseGlyphs() {
    std::string all;
    for (const Entry& e : kStrings)
        all += e.zh;
    return all;
}

}  // namespace kp::web
