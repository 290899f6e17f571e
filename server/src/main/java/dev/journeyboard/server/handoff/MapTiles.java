package dev.journeyboard.server.handoff;

import java.util.ArrayList;
import java.util.List;

/**
 * How the map is cut into pages. The whole map goes on one page when it fits at {@link #MIN_SCALE} or more; a
 * larger map is printed at the scale that fits its width (never below {@link #MIN_SCALE}, never above 1) over as
 * many pages as it needs, each repeating the stage header row and the lane header column. Why not one page,
 * scaled: a 2,000-card map shrunk to one A3 sheet prints its text below 1 pt, which nobody can read; at half size
 * the browser's 14 px card text is 7 pt, still legible on paper.
 *
 * <p>Pages break between lanes where one falls in the lower half of the page, else between cards in the lower 45%
 * of the page, and through a card only when no such gap is found (the next page shows the rest of it).
 */
final class MapTiles {
    static final double MIN_SCALE = 0.5;

    /**
     * A page's share of the map: stages {@code [firstStage, endStage)} and the body rows {@code [y0, y1)} (world
     * units, below the stage headers).
     */
    record Tile(int firstStage, int endStage, double y0, double y1) {
        double bodyX0() {
            return MapLayout.HEADER_W + firstStage * MapLayout.COL_W;
        }

        double bodyX1() {
            return MapLayout.HEADER_W + endStage * MapLayout.COL_W;
        }
    }

    final double scale;
    final List<Tile> tiles;

    private MapTiles(double scale, List<Tile> tiles) {
        this.scale = scale;
        this.tiles = tiles;
    }

    /** @param pageW width and {@code pageH} height of the area for the map on a page, in points */
    static MapTiles of(MapLayout L, double pageW, double pageH) {
        int stages = Math.max(1, L.stages.size());
        double fit = Math.min(1, Math.min(pageW / L.width, pageH / L.height));
        var tiles = new ArrayList<Tile>();
        if (fit >= MIN_SCALE || L.cards.isEmpty() && fit > 0.2) {
            tiles.add(new Tile(0, L.stages.size(), MapLayout.HEADER_H, L.height));
            return new MapTiles(fit, tiles);
        }
        double scale = Math.max(MIN_SCALE, Math.min(1, pageW / L.width));
        int perPage = Math.max(1, (int) Math.floor((pageW / scale - MapLayout.HEADER_W) / MapLayout.COL_W));
        double bodyH = pageH / scale - MapLayout.HEADER_H;
        for (int first = 0; first < stages; first += perPage) {
            int end = Math.min(L.stages.size(), first + perPage);
            double y0 = MapLayout.HEADER_H;
            while (y0 < L.height - 0.5) {
                double y1 = cut(L, first, end, y0, bodyH);
                tiles.add(new Tile(first, Math.max(end, first), y0, y1));
                y0 = y1;
            }
            if (L.stages.isEmpty()) break;
        }
        return new MapTiles(scale, tiles);
    }

    private static double cut(MapLayout L, int first, int end, double y0, double bodyH) {
        double limit = y0 + bodyH;
        if (limit >= L.height) return L.height;
        double best = -1;
        for (var lane : L.lanes) if (lane.y() > y0 + bodyH / 2 && lane.y() <= limit) best = Math.max(best, lane.y());
        if (best > 0) return best;
        double x0 = MapLayout.HEADER_W + first * MapLayout.COL_W, x1 = MapLayout.HEADER_W + end * MapLayout.COL_W;
        var inColumns = new ArrayList<MapLayout.CardBox>();
        for (var b : L.cards) if (b.x() < x1 && b.x() + b.w() > x0 && b.y() < limit && b.y() + b.h() > y0) inColumns.add(b);
        double y = limit;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (var b : inColumns) {
                if (b.y() < y && b.y() + b.h() > y) {
                    y = b.y() - MapLayout.CARD_GAP / 2;
                    moved = true;
                }
            }
        }
        // no gap in the lower part of the page (a card taller than that): cut through it, the next page shows the rest
        return y > y0 + bodyH * 0.55 ? y : limit;
    }
}
