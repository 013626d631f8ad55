import type { PathSegment } from '../path.ts';
import type { Rule } from './context.ts';

const floatingTags = new Set(['latest', 'stable', 'main', 'master', 'edge', 'dev']);
const digestPattern = /^sha256:[a-f0-9]{64}$/;
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const repositoryPattern = /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;

/** Every service has, in every environment, an image pinned by an immutable tag or a digest. */
export const checkImages: Rule = (context) => {
  (context.spec.services ?? []).forEach((service, i) => {
    const base: readonly PathSegment[] = ['services', i];
    const normalized = context.platform.services.find((s) => s.name === service.name);
    for (const environment of context.platform.environments) {
      const override = service.environments?.[environment.name]?.image;
      const path: readonly PathSegment[] = override ? [...base, 'environments', environment.name, 'image'] : [...base, 'image'];
      const image = normalized?.environments[environment.name]?.image;
      if (image === undefined || image.repository === '') {
        // One diagnostic for the missing base image, not one per environment.
        if (environment === context.platform.environments[0] || override) {
          context.error('STR030', path, 'no image', 'set image: { repository, tag } (or digest)');
        }
        continue;
      }
      if (override === undefined && environment !== context.platform.environments[0]) continue;
      if (!repositoryPattern.test(image.repository)) {
        context.error('STR001', [...path, 'repository'], `${JSON.stringify(image.repository)} is not a valid image repository`, 'e.g. ghcr.io/acme/orders');
      }
      if (image.digest !== undefined) {
        if (!digestPattern.test(image.digest)) {
          context.error('STR032', [...path, 'digest'], `${JSON.stringify(image.digest)} is not a digest`, 'use sha256: followed by 64 lowercase hex digits');
        }
      } else if (image.tag === undefined || image.tag === '') {
        context.error('STR030', path, `image "${image.repository}" has neither a tag nor a digest`, 'pin it, e.g. tag: "1.4.2"');
      } else if (floatingTags.has(image.tag)) {
        context.error('STR031', [...path, 'tag'], `tag "${image.tag}" is floating: every deploy could run different code`, 'use an immutable tag such as a version or a commit SHA, or a digest');
      } else if (!tagPattern.test(image.tag)) {
        context.error('STR001', [...path, 'tag'], `${JSON.stringify(image.tag)} is not a valid image tag`);
      }
    }
  });
};
