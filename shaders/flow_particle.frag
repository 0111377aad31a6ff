#version 300 es
// A round, soft-edged point with a bright core (the comets of flow_particle.vert).
precision mediump float;

in vec4 v_color;
out vec4 fragColor;

void main() {
    vec2 p = gl_PointCoord * 2.0 - 1.0;
    float r2 = dot(p, p);
    if (r2 > 1.0)
        discard;
    float glow = exp(-r2 * 3.0);
    fragColor = vec4(mix(v_color.rgb, vec3(1.0), glow * 0.5), v_color.a * glow);
}
