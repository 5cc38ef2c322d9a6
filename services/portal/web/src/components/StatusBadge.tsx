import { Badge, type BadgeProps } from '@mantine/core';

/** What a status means to the person, each with its colour. */
export type StatusTone = 'neutral' | 'progress' | 'success' | 'attention' | 'danger';

const TONE_COLOR: Record<StatusTone, string> = {
  neutral: 'gray',
  progress: 'blue',
  success: 'green',
  attention: 'orange',
  danger: 'red',
};

/**
 * A status with its colour: the light variant's tinted background and dark text. Mantine's light variant writes
 * the text in the colour itself, which for green or orange on their own tint falls below the 4.5:1 contrast that
 * small text needs (WCAG 1.4.3); the colour stays in the background, the text stays readable.
 */
export function StatusBadge({
  tone,
  children,
  ...props
}: { tone: StatusTone; children: string } & Omit<BadgeProps, 'color' | 'variant' | 'c'> & {
    'data-testid'?: string;
  }) {
  return (
    <Badge variant="light" color={TONE_COLOR[tone]} c="dark.8" data-tone={tone} {...props}>
      {children}
    </Badge>
  );
}
