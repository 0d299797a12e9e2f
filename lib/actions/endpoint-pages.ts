/** The pages that show an endpoint: the list and its own page. */
export function endpointPages(endpointId: string): string[] {
  return ["/developers/webhooks", `/developers/webhooks/${endpointId}`];
}
