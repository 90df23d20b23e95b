import { theme } from 'antd';

/** The simulator's hall: 20 m × 12 m; a track outside it widens the plan. */
export const HALL = { width: 20, depth: 12 } as const;

export interface FloorTrack {
  robotId: string;
  label: string;
  color: string;
  /** x and y columns in metres, oldest first. */
  x: (number | null)[];
  y: (number | null)[];
  yaw: number | null;
}

const MARGIN = 1;

/** Robots' recent positions on the hall's floor, seen from above (x to the right, y up). */
export function FloorPlan({ tracks }: { tracks: readonly FloorTrack[] }) {
  const { token } = theme.useToken();
  let [minX, minY, maxX, maxY]: number[] = [0, 0, HALL.width, HALL.depth];
  for (const track of tracks) {
    track.x.forEach((x, index) => {
      const y = track.y[index];
      if (x === null || y === null) return;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    });
  }
  const left = Math.floor(minX) - MARGIN;
  const width = Math.ceil(maxX) + MARGIN - left;
  const top = Math.floor(minY) - MARGIN;
  const height = Math.ceil(maxY) + MARGIN - top;
  // SVG's y grows downwards; the floor's y grows upwards.
  const flip = (y: number) => -y;
  const grid = [];
  for (let x = Math.ceil(left); x <= left + width; x++) {
    grid.push(
      <line
        key={`x${x}`}
        x1={x}
        x2={x}
        y1={flip(top)}
        y2={flip(top + height)}
        stroke={x % 5 === 0 ? token.colorBorder : token.colorBorderSecondary}
        strokeWidth={0.03}
      />,
    );
  }
  for (let y = Math.ceil(top); y <= top + height; y++) {
    grid.push(
      <line
        key={`y${y}`}
        x1={left}
        x2={left + width}
        y1={flip(y)}
        y2={flip(y)}
        stroke={y % 5 === 0 ? token.colorBorder : token.colorBorderSecondary}
        strokeWidth={0.03}
      />,
    );
  }
  return (
    <svg
      viewBox={`${left} ${flip(top + height)} ${width} ${height}`}
      style={{ width: '100%', display: 'block', background: token.colorFillQuaternary, borderRadius: 6 }}
      role="img"
      data-testid="floor-plan"
    >
      {grid}
      <rect
        x={0}
        y={flip(HALL.depth)}
        width={HALL.width}
        height={HALL.depth}
        fill="none"
        stroke={token.colorTextSecondary}
        strokeWidth={0.08}
      />
      {[0, 5, 10, 15, 20].map((x) => (
        <text key={x} x={x} y={flip(0) + 0.7} fontSize={0.5} textAnchor="middle" fill={token.colorTextSecondary}>
          {x} m
        </text>
      ))}
      {[0, 6, 12].map((y) => (
        <text key={y} x={-0.2} y={flip(y) + 0.15} fontSize={0.5} textAnchor="end" fill={token.colorTextSecondary}>
          {y}
        </text>
      ))}
      {tracks.map((track) => {
        const points: string[] = [];
        let last: [number, number] | null = null;
        track.x.forEach((x, index) => {
          const y = track.y[index];
          if (x === null || y === null) return;
          points.push(`${x.toFixed(3)},${flip(y).toFixed(3)}`);
          last = [x, y];
        });
        const here = last as [number, number] | null;
        return (
          <g key={track.robotId} data-testid="floor-track" data-points={points.length}>
            <polyline points={points.join(' ')} fill="none" stroke={track.color} strokeWidth={0.08} opacity={0.7} />
            {here && (
              <>
                <circle cx={here[0]} cy={flip(here[1])} r={0.25} fill={track.color} />
                {track.yaw !== null && (
                  <line
                    x1={here[0]}
                    y1={flip(here[1])}
                    x2={here[0] + 0.6 * Math.cos(track.yaw)}
                    y2={flip(here[1] + 0.6 * Math.sin(track.yaw))}
                    stroke={track.color}
                    strokeWidth={0.1}
                  />
                )}
                <text x={here[0] + 0.35} y={flip(here[1]) - 0.35} fontSize={0.45} fill={track.color}>
                  {track.label}
                </text>
              </>
            )}
          </g>
        );
      })}
    </svg>
  );
}
