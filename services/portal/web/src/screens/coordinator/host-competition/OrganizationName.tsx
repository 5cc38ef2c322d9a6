import { useOrganization } from './queries';

/** The organization's registered name, its id until it is read. */
export function OrganizationName({ organizationId }: { organizationId: string }) {
  const organization = useOrganization(organizationId);
  return <>{organization.data?.name ?? organizationId}</>;
}
