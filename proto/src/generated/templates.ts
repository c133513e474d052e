import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { GetTemplateRequest as _herald_v1_GetTemplateRequest, GetTemplateRequest__Output as _herald_v1_GetTemplateRequest__Output } from './herald/v1/GetTemplateRequest';
import type { GetTemplateVersionRequest as _herald_v1_GetTemplateVersionRequest, GetTemplateVersionRequest__Output as _herald_v1_GetTemplateVersionRequest__Output } from './herald/v1/GetTemplateVersionRequest';
import type { RenderTemplateRequest as _herald_v1_RenderTemplateRequest, RenderTemplateRequest__Output as _herald_v1_RenderTemplateRequest__Output } from './herald/v1/RenderTemplateRequest';
import type { RenderedMessage as _herald_v1_RenderedMessage, RenderedMessage__Output as _herald_v1_RenderedMessage__Output } from './herald/v1/RenderedMessage';
import type { Template as _herald_v1_Template, Template__Output as _herald_v1_Template__Output } from './herald/v1/Template';
import type { TemplateServiceClient as _herald_v1_TemplateServiceClient, TemplateServiceDefinition as _herald_v1_TemplateServiceDefinition } from './herald/v1/TemplateService';
import type { TemplateVersion as _herald_v1_TemplateVersion, TemplateVersion__Output as _herald_v1_TemplateVersion__Output } from './herald/v1/TemplateVersion';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  herald: {
    v1: {
      GetTemplateRequest: MessageTypeDefinition<_herald_v1_GetTemplateRequest, _herald_v1_GetTemplateRequest__Output>
      GetTemplateVersionRequest: MessageTypeDefinition<_herald_v1_GetTemplateVersionRequest, _herald_v1_GetTemplateVersionRequest__Output>
      RenderTemplateRequest: MessageTypeDefinition<_herald_v1_RenderTemplateRequest, _herald_v1_RenderTemplateRequest__Output>
      RenderedMessage: MessageTypeDefinition<_herald_v1_RenderedMessage, _herald_v1_RenderedMessage__Output>
      Template: MessageTypeDefinition<_herald_v1_Template, _herald_v1_Template__Output>
      TemplateService: SubtypeConstructor<typeof grpc.Client, _herald_v1_TemplateServiceClient> & { service: _herald_v1_TemplateServiceDefinition }
      TemplateVersion: MessageTypeDefinition<_herald_v1_TemplateVersion, _herald_v1_TemplateVersion__Output>
    }
  }
}

