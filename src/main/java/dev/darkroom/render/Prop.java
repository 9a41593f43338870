package dev.darkroom.render;

import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Point2D;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A drawable object in local units (roughly -0.4..0.4), with its outline for the shadow pass and the
 * spot where blood would pool.
 */
record Prop(Shape silhouette, Consumer<Graphics2D> painter, Point2D stainAt, double angle, float shadowStrength) {

    /** A random rotation within {@code range} degrees either way, so objects never sit square to the frame. */
    static double tilt(Random r, double range) {
        return Math.toRadians((r.nextDouble() * 2 - 1) * range);
    }
}
