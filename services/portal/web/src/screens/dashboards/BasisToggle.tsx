import { SegmentedControl, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/**
 * Regions as recorded or comparable across the 2018 and 2022 changes. The two labels are long: on a phone they
 * stand one above the other, so the page never scrolls sideways.
 */
export function BasisToggle(props: { id: string; value: string; onChange: (basis: string) => void }) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 40em)') ?? false;
  return (
    <div>
      <Text size="sm" fw={600} id={props.id}>
        {t('results.filters.basis')}
      </Text>
      <SegmentedControl
        aria-labelledby={props.id}
        orientation={narrow ? 'vertical' : 'horizontal'}
        fullWidth={narrow}
        // Long labels wrap instead of being cut off.
        styles={{ label: { whiteSpace: 'normal' } }}
        data={(['recorded', 'comparable'] as const).map((value) => ({
          value,
          label: t(`results.basis.${value}`),
        }))}
        value={props.value}
        onChange={props.onChange}
        mb="xs"
      />
    </div>
  );
}
