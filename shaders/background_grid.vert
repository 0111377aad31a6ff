#version 300 es
// One triangle that covers the whole viewport (no vertex buffer: positions from gl_VertexID).
// The fragment shader draws the map's grid behind the cards.
precision highp float;

void main() {
    vec2 corner = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
    gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
