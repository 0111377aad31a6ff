#version 300 es
// Animated flows on the cluster map: one instance per flow (an API write travelling from a
// component to kube-apiserver, a scheduling decision travelling from kube-scheduler to a node),
// drawn as a short comet of points. gl_VertexID is the point's place in the comet's tail.
//   a_from, a_to   screen positions (pixels, top-left origin)
//   a_color        the flow's colour
//   a_start        when the flow started (seconds, same clock as u_time)
precision highp float;

layout(location = 0) in vec2 a_from;
layout(location = 1) in vec2 a_to;
layout(location = 2) in vec4 a_color;
layout(location = 3) in float a_start;

uniform vec2 u_resolution;
uniform float u_time;
uniform float u_duration;   // seconds a flow takes from start to end
uniform float u_pointSize;

out vec4 v_color;

const float kTailSpacing = 0.035;  // fraction of the path between two points of the tail

void main() {
    float t = (u_time - a_start) / u_duration - float(gl_VertexID) * kTailSpacing;
    float visible = step(0.0, t) * step(t, 1.0);
    float eased = t * t * (3.0 - 2.0 * t);
    // A slight arc, so that flows between the same two places do not hide each other.
    vec2 path = a_to - a_from;
    vec2 normal = normalize(vec2(-path.y, path.x) + 1e-5);
    vec2 pixel = mix(a_from, a_to, eased) + normal * sin(eased * 3.14159) * 0.08 * length(path);
    vec2 ndc = vec2(pixel.x / u_resolution.x * 2.0 - 1.0, 1.0 - pixel.y / u_resolution.y * 2.0);
    gl_Position = vec4(ndc, 0.0, 1.0);
    gl_PointSize = u_pointSize * (1.0 - float(gl_VertexID) * 0.09);
    v_color = vec4(a_color.rgb, a_color.a * visible * (1.0 - float(gl_VertexID) * 0.1));
}
