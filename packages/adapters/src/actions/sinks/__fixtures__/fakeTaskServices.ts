// The three task APIs as the fakes answer them, after their documented request/response and error shapes.
import { type FakeRequest, type FakeTaskApi, startFakeTaskApi } from './startFakeTaskApi';

export interface FakeTask {
  id: string;
  fields: Record<string, unknown>;
}

export interface FakeService extends FakeTaskApi {
  /** Tasks created, in order. */
  tasks: FakeTask[];
  /** Creates received (applied or not, faults included). */
  creates(): FakeRequest[];
}

const hubspotError = (category: string, message: string) => ({
  status: 'error',
  category,
  message,
  correlationId: 'c-1',
});

/** HubSpot CRM v3: tasks create/search; contacts `contactIds` exist. Task property `keyProperty` is defined. */
export async function startFakeHubSpotTasks(token: string, contactIds: string[], keyProperty = 'accord_action_key') {
  const tasks: FakeTask[] = [];
  const api = await startFakeTaskApi({
    token,
    unauthorized: hubspotError('INVALID_AUTHENTICATION', 'Authentication credentials not found.'),
    handle(request) {
      if (request.method === 'POST' && request.path === '/crm/v3/objects/tasks/search') {
        const body = request.body as {
          filterGroups: { filters: { propertyName: string; operator: string; value: string }[] }[];
        };
        const filter = body.filterGroups?.[0]?.filters?.[0];
        if (filter?.operator !== 'EQ') return { status: 400, body: hubspotError('VALIDATION_ERROR', 'bad filter') };
        const results = tasks
          .filter((task) => task.fields[filter.propertyName] === filter.value)
          .map((task) => ({ id: task.id, properties: { [filter.propertyName]: task.fields[filter.propertyName] } }));
        return { status: 200, body: { total: results.length, results: results.slice(0, 1) } };
      }
      if (request.method === 'POST' && request.path === '/crm/v3/objects/tasks') {
        const body = request.body as {
          properties: Record<string, string>;
          associations: { to: { id: string }; types: { associationCategory: string; associationTypeId: number }[] }[];
        };
        for (const name of Object.keys(body.properties))
          if (!name.startsWith('hs_') && name !== 'hubspot_owner_id' && name !== keyProperty)
            return {
              status: 400,
              body: hubspotError(
                'VALIDATION_ERROR',
                `Property values were not valid: Property "${name}" does not exist`,
              ),
            };
        if (!body.properties.hs_timestamp)
          return { status: 400, body: hubspotError('VALIDATION_ERROR', 'hs_timestamp is required') };
        for (const association of body.associations ?? []) {
          const type = association.types[0];
          if (type?.associationCategory !== 'HUBSPOT_DEFINED' || type.associationTypeId !== 204)
            return { status: 400, body: hubspotError('VALIDATION_ERROR', 'invalid association type') };
          if (!contactIds.includes(association.to.id))
            return {
              status: 400,
              body: hubspotError(
                'VALIDATION_ERROR',
                `One or more associations are invalid: contact ${association.to.id} not found`,
              ),
            };
        }
        const task = {
          id: String(90_000 + tasks.length),
          fields: { ...body.properties, contactIds: body.associations.map((a) => a.to.id) },
        };
        tasks.push(task);
        return {
          status: 201,
          body: { id: task.id, properties: body.properties, createdAt: new Date().toISOString(), archived: false },
        };
      }
      return { status: 404, body: hubspotError('OBJECT_NOT_FOUND', 'not found') };
    },
  });
  return withTasks(api, tasks, 'POST /crm/v3/objects/tasks');
}

/** Salesforce REST: query (SELECT Id FROM Task WHERE <field> = '<escaped>' LIMIT 1) and Task create; `leadIds` exist. */
export async function startFakeSalesforceTasks(token: string, leadIds: string[], keyField = 'Accord_Key__c') {
  const tasks: FakeTask[] = [];
  const base = '/services/data/v60.0';
  const api = await startFakeTaskApi({
    token,
    unauthorized: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
    handle(request) {
      if (request.method === 'GET' && request.path === `${base}/query`) {
        const q = request.query.get('q') ?? '';
        const match = /^SELECT Id FROM Task WHERE (\w+) = '((?:[^'\\]|\\.)*)' LIMIT 1$/.exec(q);
        if (!match) return { status: 400, body: [{ message: `unexpected query: ${q}`, errorCode: 'MALFORMED_QUERY' }] };
        if (match[1] !== keyField)
          return {
            status: 400,
            body: [{ message: `No such column '${match[1]}' on entity 'Task'.`, errorCode: 'INVALID_FIELD' }],
          };
        const value = (match[2] as string).replace(
          /\\(.)/g,
          (_, ch: string) => ({ n: '\n', r: '\r', t: '\t' })[ch] ?? ch,
        );
        const records = tasks
          .filter((task) => task.fields[keyField] === value)
          .map((task) => ({ attributes: { type: 'Task', url: `${base}/sobjects/Task/${task.id}` }, Id: task.id }));
        return { status: 200, body: { totalSize: records.length, done: true, records } };
      }
      if (request.method === 'POST' && request.path === `${base}/sobjects/Task`) {
        const body = request.body as Record<string, unknown>;
        if (!leadIds.includes(String(body.WhoId)))
          return {
            status: 400,
            body: [
              {
                message: 'Name ID: id value of incorrect type: ' + String(body.WhoId),
                errorCode: 'INVALID_CROSS_REFERENCE_KEY',
                fields: ['WhoId'],
              },
            ],
          };
        if (!['High', 'Normal', 'Low'].includes(String(body.Priority)))
          return {
            status: 400,
            body: [
              {
                message: 'bad value for restricted picklist field',
                errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                fields: ['Priority'],
              },
            ],
          };
        const task = { id: `00T5e00000${String(tasks.length).padStart(5, '0')}AAA`, fields: body };
        tasks.push(task);
        return { status: 201, body: { id: task.id, success: true, errors: [] } };
      }
      return { status: 404, body: [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }] };
    },
  });
  return withTasks(api, tasks, `POST ${base}/sobjects/Task`);
}

/** Asana: POST /tasks with `external.gid` unique per app (a duplicate is refused 400), GET /tasks/external:<gid>. */
export async function startFakeAsanaTasks(token: string) {
  const tasks: FakeTask[] = [];
  const base = '/api/1.0';
  const notFound = (what: string) => ({
    status: 404,
    body: { errors: [{ message: `${what}: Unknown object`, help: 'see docs' }] },
  });
  const api = await startFakeTaskApi({
    token,
    unauthorized: { errors: [{ message: 'Not Authorized' }] },
    handle(request) {
      if (request.method === 'GET' && request.path.startsWith(`${base}/tasks/external:`)) {
        const gid = request.path.slice(`${base}/tasks/external:`.length);
        const task = tasks.find((t) => (t.fields.external as { gid: string }).gid === gid);
        return task
          ? { status: 200, body: { data: { gid: task.id, resource_type: 'task' } } }
          : notFound(`external:${gid}`);
      }
      if (request.method === 'POST' && request.path === `${base}/tasks`) {
        const data = (request.body as { data?: Record<string, unknown> })?.data;
        if (!data || typeof data.name !== 'string')
          return { status: 400, body: { errors: [{ message: 'data: Missing input' }] } };
        if (!data.projects && !data.workspace)
          return { status: 400, body: { errors: [{ message: 'workspace: Missing input' }] } };
        const gid = (data.external as { gid?: string } | undefined)?.gid;
        if (gid !== undefined && tasks.some((t) => (t.fields.external as { gid: string }).gid === gid))
          return { status: 400, body: { errors: [{ message: `external.gid: Duplicate value: ${gid}` }] } };
        const task = { id: String(1_200_000_000_000_000 + tasks.length), fields: data };
        tasks.push(task);
        return { status: 201, body: { data: { gid: task.id, resource_type: 'task', name: data.name } } };
      }
      return notFound(request.path);
    },
  });
  return withTasks(api, tasks, `POST ${base}/tasks`);
}

function withTasks(api: FakeTaskApi, tasks: FakeTask[], createLine: string): FakeService {
  return Object.assign(api, {
    tasks,
    creates: () => api.requests.filter((r) => `${r.method} ${r.path}` === createLine),
  });
}
