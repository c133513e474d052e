// Original file: herald/v1/templates.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetTemplateRequest as _herald_v1_GetTemplateRequest, GetTemplateRequest__Output as _herald_v1_GetTemplateRequest__Output } from '../../herald/v1/GetTemplateRequest';
import type { GetTemplateVersionRequest as _herald_v1_GetTemplateVersionRequest, GetTemplateVersionRequest__Output as _herald_v1_GetTemplateVersionRequest__Output } from '../../herald/v1/GetTemplateVersionRequest';
import type { RenderTemplateRequest as _herald_v1_RenderTemplateRequest, RenderTemplateRequest__Output as _herald_v1_RenderTemplateRequest__Output } from '../../herald/v1/RenderTemplateRequest';
import type { RenderedMessage as _herald_v1_RenderedMessage, RenderedMessage__Output as _herald_v1_RenderedMessage__Output } from '../../herald/v1/RenderedMessage';
import type { Template as _herald_v1_Template, Template__Output as _herald_v1_Template__Output } from '../../herald/v1/Template';
import type { TemplateVersion as _herald_v1_TemplateVersion, TemplateVersion__Output as _herald_v1_TemplateVersion__Output } from '../../herald/v1/TemplateVersion';

export interface TemplateServiceClient extends grpc.Client {
  GetTemplate(argument: _herald_v1_GetTemplateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_Template__Output>): grpc.ClientUnaryCall;
  GetTemplate(argument: _herald_v1_GetTemplateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_Template__Output>): grpc.ClientUnaryCall;
  GetTemplate(argument: _herald_v1_GetTemplateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_Template__Output>): grpc.ClientUnaryCall;
  GetTemplate(argument: _herald_v1_GetTemplateRequest, callback: grpc.requestCallback<_herald_v1_Template__Output>): grpc.ClientUnaryCall;
  getTemplate(argument: _herald_v1_GetTemplateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_Template__Output>): grpc.ClientUnaryCall;
  getTemplate(argument: _herald_v1_GetTemplateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_Template__Output>): grpc.ClientUnaryCall;
  getTemplate(argument: _herald_v1_GetTemplateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_Template__Output>): grpc.ClientUnaryCall;
  getTemplate(argument: _herald_v1_GetTemplateRequest, callback: grpc.requestCallback<_herald_v1_Template__Output>): grpc.ClientUnaryCall;
  
  GetTemplateVersion(argument: _herald_v1_GetTemplateVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_TemplateVersion__Output>): grpc.ClientUnaryCall;
  GetTemplateVersion(argument: _herald_v1_GetTemplateVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_TemplateVersion__Output>): grpc.ClientUnaryCall;
  GetTemplateVersion(argument: _herald_v1_GetTemplateVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_TemplateVersion__Output>): grpc.ClientUnaryCall;
  GetTemplateVersion(argument: _herald_v1_GetTemplateVersionRequest, callback: grpc.requestCallback<_herald_v1_TemplateVersion__Output>): grpc.ClientUnaryCall;
  getTemplateVersion(argument: _herald_v1_GetTemplateVersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_TemplateVersion__Output>): grpc.ClientUnaryCall;
  getTemplateVersion(argument: _herald_v1_GetTemplateVersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_TemplateVersion__Output>): grpc.ClientUnaryCall;
  getTemplateVersion(argument: _herald_v1_GetTemplateVersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_TemplateVersion__Output>): grpc.ClientUnaryCall;
  getTemplateVersion(argument: _herald_v1_GetTemplateVersionRequest, callback: grpc.requestCallback<_herald_v1_TemplateVersion__Output>): grpc.ClientUnaryCall;
  
  RenderTemplate(argument: _herald_v1_RenderTemplateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_RenderedMessage__Output>): grpc.ClientUnaryCall;
  RenderTemplate(argument: _herald_v1_RenderTemplateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_RenderedMessage__Output>): grpc.ClientUnaryCall;
  RenderTemplate(argument: _herald_v1_RenderTemplateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_RenderedMessage__Output>): grpc.ClientUnaryCall;
  RenderTemplate(argument: _herald_v1_RenderTemplateRequest, callback: grpc.requestCallback<_herald_v1_RenderedMessage__Output>): grpc.ClientUnaryCall;
  renderTemplate(argument: _herald_v1_RenderTemplateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_RenderedMessage__Output>): grpc.ClientUnaryCall;
  renderTemplate(argument: _herald_v1_RenderTemplateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_herald_v1_RenderedMessage__Output>): grpc.ClientUnaryCall;
  renderTemplate(argument: _herald_v1_RenderTemplateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_herald_v1_RenderedMessage__Output>): grpc.ClientUnaryCall;
  renderTemplate(argument: _herald_v1_RenderTemplateRequest, callback: grpc.requestCallback<_herald_v1_RenderedMessage__Output>): grpc.ClientUnaryCall;
  
}

export interface TemplateServiceHandlers extends grpc.UntypedServiceImplementation {
  GetTemplate: grpc.handleUnaryCall<_herald_v1_GetTemplateRequest__Output, _herald_v1_Template>;
  
  GetTemplateVersion: grpc.handleUnaryCall<_herald_v1_GetTemplateVersionRequest__Output, _herald_v1_TemplateVersion>;
  
  RenderTemplate: grpc.handleUnaryCall<_herald_v1_RenderTemplateRequest__Output, _herald_v1_RenderedMessage>;
  
}

export interface TemplateServiceDefinition extends grpc.ServiceDefinition {
  GetTemplate: MethodDefinition<_herald_v1_GetTemplateRequest, _herald_v1_Template, _herald_v1_GetTemplateRequest__Output, _herald_v1_Template__Output>
  GetTemplateVersion: MethodDefinition<_herald_v1_GetTemplateVersionRequest, _herald_v1_TemplateVersion, _herald_v1_GetTemplateVersionRequest__Output, _herald_v1_TemplateVersion__Output>
  RenderTemplate: MethodDefinition<_herald_v1_RenderTemplateRequest, _herald_v1_RenderedMessage, _herald_v1_RenderTemplateRequest__Output, _herald_v1_RenderedMessage__Output>
}
