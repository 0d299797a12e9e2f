/** The pages that show an organization's members and invitations. */
export function membersPages(organizationId: string): string[] {
  return [`/o/${organizationId}/members`];
}
