#version 300 es
// The cluster map's backdrop: a blue-grey field (dark or light with the page's theme) with a
// minor grid every 40 world units and a major one every 200, moving with the map's pan and zoom,
// and a soft vignette.
//   u_resolution  viewport size in pixels
//   u_origin      screen position (pixels, top-left origin) of world (0, 0)
//   u_zoom        pixels per world unit
//   u_time        seconds, for a slow shimmer of the major lines
//   u_base        the field's colour
//   u_lines       +1: lines lighter than the field (dark theme), -1: darker (light theme)
precision highp float;

uniform vec2 u_resolution;
uniform vec2 u_origin;
uniform float u_zoom;
uniform float u_time;
uniform vec3 u_base;
uniform float u_lines;

out vec4 fragColor;

// 1.0 on a grid line of the given spacing (world units), fading to 0.0 within one pixel.
float gridLine(vec2 world, float spacing) {
    vec2 cell = abs(fract(world / spacing + 0.5) - 0.5) * spacing * u_zoom;
    return 1.0 - clamp(min(cell.x, cell.y), 0.0, 1.0);
}

void main() {
    vec2 pixel = vec2(gl_FragCoord.x, u_resolution.y - gl_FragCoord.y);
    vec2 world = (pixel - u_origin) / u_zoom;
    vec3 base = u_base;
    float minor = gridLine(world, 40.0) * clamp(u_zoom - 0.35, 0.0, 1.0);
    float major = gridLine(world, 200.0);
    float shimmer = 0.85 + 0.15 * sin(u_time * 0.6 + (world.x + world.y) * 0.002);
    vec3 color = base + u_lines * (vec3(0.035, 0.045, 0.06) * minor + vec3(0.05, 0.08, 0.12) * major * shimmer);
    vec2 centered = pixel / u_resolution - 0.5;
    color *= 1.0 - (u_lines > 0.0 ? 0.45 : 0.15) * dot(centered, centered);
    fragColor = vec4(color, 1.0);
}
