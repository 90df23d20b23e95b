import type { SessionKind, SessionStatus } from '@app/contract';
import type { CSSProperties } from 'react';

/** A kind's colour; the status decides how much of it a block shows. */
export const KIND_COLORS: Record<SessionKind, string> = {
  training: '#1668dc',
  assessment: '#722ed1',
  drill: '#d46b08',
};

/** A thin frame with the kind's colour as a thick left edge (the same properties for every status). */
const frame = (sides: string, left: string, style = 'solid'): CSSProperties => ({
  borderStyle: style,
  borderWidth: '1px 1px 1px 4px',
  borderColor: `${sides} ${sides} ${sides} ${left}`,
});

export function blockStyle(kind: SessionKind, status: SessionStatus): CSSProperties {
  const color = KIND_COLORS[kind];
  switch (status) {
    case 'scheduled':
      return { ...frame(color, color), background: `${color}1f`, color: '#1f1f1f' };
    case 'running':
      return { ...frame(color, color), background: color, color: '#fff', boxShadow: '0 0 0 2px #52c41a' };
    case 'completed':
      return { ...frame('#d9d9d9', color), background: '#f5f5f5', color: '#595959' };
    case 'aborted':
      return { ...frame('#ffa39e', color), background: '#fff1f0', color: '#a8071a' };
    case 'cancelled':
      return {
        ...frame(color, color, 'dashed'),
        background: `repeating-linear-gradient(135deg, transparent 0 6px, ${color}14 6px 12px)`,
        color: '#8c8c8c',
        textDecoration: 'line-through',
      };
  }
}
