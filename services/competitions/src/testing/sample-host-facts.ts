/** The facts of a host organization that meets every eligibility condition of the sample round. */
export const eligibleHostFacts = {
  youthExperienceYears: 5,
  hasTaxDebt: false,
  hasBankAccount: true,
  onUnreliableSupplierList: false,
  operatesInRegion: true,
  capacityTeams: 8,
};
